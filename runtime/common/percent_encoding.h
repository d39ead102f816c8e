#pragma once
#include <vector>
#include <utility>
#include <string>
#include <string_view>

namespace fastcms {

/// `text` with every byte outside RFC 3986's unreserved set (A–Z a–z 0–9 - . _ ~)
/// written as %XX (upper-case hex): safe as one URI path segment or query value.
std::string percent_encode(std::string_view text);

/// "k1=v1&k2=v2" with keys and values percent_encode()d, in the given order
/// (an application/x-www-form-urlencoded body or a URL query).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

/// The fields of an x-www-form-urlencoded text ('+' is a space, %XX decoded), in order.
std::vector<std::pair<std::string, std::string>> form_decode(std::string_view text);

}  // namespace fastcms
