#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238), with the HMAC of OpenSSL.
/// Keys are raw bytes (decode a base32 secret with base32::decode first).
namespace fastcms::core::auth::totp {

enum class Algorithm { sha1, sha256, sha512 };

/// "SHA1", "SHA256" or "SHA512", as otpauth URIs name them.
std::string_view algorithm_name(Algorithm algorithm);

struct Params {
  Algorithm algorithm = Algorithm::sha1;
  int digits = 6;   ///< 1 to 9
  int period = 30;  ///< seconds per time step, > 0
};

/// RFC 4226: HMAC(key, counter as 8 big-endian bytes), dynamically truncated, modulo
/// 10^digits, left-padded with zeros to `digits` characters.
std::string hotp(std::string_view key, std::uint64_t counter, Algorithm algorithm, int digits);

/// RFC 6238's T: floor(unix_seconds / period) (T0 = 0).
std::int64_t time_step(std::int64_t unix_seconds, int period);

/// The TOTP code of `key` at `unix_seconds`.
std::string code_at(std::string_view key, std::int64_t unix_seconds, const Params& params);

/// The time step, within `skew` steps either side of the one of `unix_seconds` and
/// strictly after `after_step` (a step already used cannot be replayed), whose code is
/// `code`; nullopt when none is. Every candidate is computed and compared in constant
/// time, so the answer's timing does not depend on which one matched.
std::optional<std::int64_t> matching_step(std::string_view key, std::string_view code, std::int64_t unix_seconds,
                                          const Params& params, std::int64_t after_step, int skew = 1);

}  // namespace fastcms::core::auth::totp
