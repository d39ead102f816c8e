#pragma once

#include <string>
#include <string_view>

namespace fastcms::digest {

/// SHA-256 of `data` (OpenSSL) as 64 lowercase hex characters.
std::string sha256_hex(std::string_view data);

}  // namespace fastcms::digest
