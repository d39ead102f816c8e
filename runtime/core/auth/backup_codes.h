#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

/// One-time backup codes for TOTP: shown once, stored only as hashes.
namespace fastcms::core::auth {

inline constexpr std::size_t backup_code_count = 10;

/// `count` new codes, each "xxxxx-xxxxx" of random [a-z0-9] (about 51 bits).
std::vector<std::string> generate_backup_codes(std::size_t count = backup_code_count);

/// The stored form of a code: HMAC-SHA256 hex of the code with case, spaces and dashes
/// ignored (codes are random, so a fast hash is enough).
std::string backup_code_hash(std::string_view code);

/// The index in `hashes` of the hash of `code`, or -1. Every hash is compared, in
/// constant time.
long find_backup_code(const std::vector<std::string>& hashes, std::string_view code);

}  // namespace fastcms::core::auth
