#pragma once
#include <string>
#include <string_view>

namespace fastcms {

/// `text` with every byte outside RFC 3986's unreserved set (A–Z a–z 0–9 - . _ ~)
/// written as %XX (upper-case hex): safe as one URI path segment or query value.
std::string percent_encode(std::string_view text);

}  // namespace fastcms
