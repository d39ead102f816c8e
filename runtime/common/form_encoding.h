#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fastcms {

/// `text` percent-encoded for application/x-www-form-urlencoded: unreserved characters
/// (A-Z a-z 0-9 - . _ ~) as they are, space as '+', every other byte as %XX.
std::string form_escape(std::string_view text);

/// "k1=v1&k2=v2" with keys and values form_escape()d, in the given order.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace fastcms
