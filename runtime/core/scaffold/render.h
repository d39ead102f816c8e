#pragma once
#include <map>
#include <string>
#include <string_view>

namespace fastcms::core::scaffold {

/// Replaces each `{{key}}` in `text` with vars[key]. Unknown keys are left untouched so
/// that templates may contain literal braces.
std::string render(std::string_view text, const std::map<std::string, std::string>& vars);

}  // namespace fastcms::core::scaffold
