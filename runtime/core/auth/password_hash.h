#pragma once
#include <string>
#include <string_view>

#include "common/error.h"

namespace fastcms::core::auth {

/// Default bcrypt cost, as PocketBase.
inline constexpr int default_bcrypt_cost = 10;

/// A salted bcrypt hash ("$2b$<cost>$...") of `password` (libxcrypt). bcrypt reads at most
/// 72 bytes; longer passwords are refused rather than silently truncated.
Result<std::string> hash_password(std::string_view password, int cost = default_bcrypt_cost);

/// True when `password` matches `hash`. Accepts every bcrypt variant ($2a$, $2b$, $2y$),
/// so hashes imported from PocketBase verify. Compared in constant time.
bool verify_password(std::string_view password, const std::string& hash);

}  // namespace fastcms::core::auth
