#pragma once
#include <optional>
#include <string>
#include <string_view>

/// RFC 4648 §6 base32 (alphabet A–Z 2–7), the encoding of TOTP secrets in otpauth URIs.
namespace fastcms::base32 {

/// `bytes` in upper-case base32 without '=' padding.
std::string encode(std::string_view bytes);

/// Decodes base32 case-insensitively, ignoring '=' padding, spaces and '-' (as people
/// type secrets); nullopt on any other character or on left-over bits that are not zero.
std::optional<std::string> decode(std::string_view text);

}  // namespace fastcms::base32
