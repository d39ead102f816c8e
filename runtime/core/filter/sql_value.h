#pragma once
#include <cstdint>
#include <string>
#include <variant>

namespace fastcms::core::filter {

/// A value bound to a placeholder: NULL, an integer (booleans bind as 1/0), a real or text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

/// JSON text of a value (null, 1, 1.5, "text"), for messages and test expectations.
std::string to_json_text(const SqlValue& value);

}  // namespace fastcms::core::filter
