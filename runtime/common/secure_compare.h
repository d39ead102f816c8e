#pragma once
#include <string_view>

namespace fastcms {

/// Compares two secrets in time that depends only on their lengths (OpenSSL CRYPTO_memcmp),
/// so an attacker cannot learn a prefix by timing.
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace fastcms
