#pragma once
#include <string>
#include <string_view>

namespace fastcms {

/// HMAC-SHA256 of `data` keyed with `key` (OpenSSL): the 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);

/// HMAC-SHA256 of `data` keyed with `key` as 64 lowercase hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace fastcms
