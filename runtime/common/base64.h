#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fastcms::base64 {

/// RFC 4648 §5 URL-safe alphabet without padding (as JWTs use).
std::string url_encode(std::string_view bytes);

/// RFC 4648 §4 standard alphabet with `=` padding (as MIME and SMTP AUTH use).
std::string encode(std::string_view bytes);

/// Decodes URL-safe base64 (padding optional); nullopt on any invalid character.
std::optional<std::string> url_decode(std::string_view text);

}  // namespace fastcms::base64
