#pragma once
#include <string>
#include <string_view>

namespace fastcms {

/// SHA-256 of `data` (OpenSSL): the 32 raw bytes.
std::string sha256(std::string_view data);

}  // namespace fastcms
