#pragma once
#include <cstddef>
#include <string>

namespace fastcms::random {

/// `n` bytes from the kernel CSPRNG (getrandom). Aborts only if the kernel refuses,
/// which on Linux ≥3.17 does not happen once the pool is initialised.
std::string bytes(size_t n);

/// `n` characters drawn uniformly from [a-z0-9] (PocketBase's id alphabet).
std::string token(size_t n);

/// `n` characters drawn uniformly from [A-Za-z0-9] (PocketBase's security.RandomString).
std::string alphanumeric(size_t n);
/// `n` decimal digits drawn uniformly (one-time codes).
std::string digits(size_t n);

/// `n` random bytes as 2n lowercase hex characters.
std::string hex(size_t n);

}  // namespace fastcms::random
