#pragma once
#include <string>
#include <string_view>

namespace fastcms {

/// SHA-256 of `data` (OpenSSL): the 32 raw bytes.
std::string sha256(std::string_view data);

/// `raw` bytes as lowercase hex (2 characters per byte).
std::string hex_encode(std::string_view raw);

/// SHA-256 of `data` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view data);

}  // namespace fastcms
