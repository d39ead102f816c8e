#include "core/auth/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/secure_compare.h"

namespace fastcms::core::auth::totp {

namespace {

const EVP_MD* digest(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::sha256:
      return EVP_sha256();
    case Algorithm::sha512:
      return EVP_sha512();
    case Algorithm::sha1:
      break;
  }
  return EVP_sha1();
}

std::uint32_t power_of_ten(int digits) {
  std::uint32_t value = 1;
  for (int i = 0; i < digits; ++i) value *= 10;
  return value;
}

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::sha256:
      return "SHA256";
    case Algorithm::sha512:
      return "SHA512";
    case Algorithm::sha1:
      break;
  }
  return "SHA1";
}

std::string hotp(std::string_view key, std::uint64_t counter, Algorithm algorithm, int digits) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i, counter >>= 8) message[i] = static_cast<unsigned char>(counter & 0xff);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(digest(algorithm), key.data(), static_cast<int>(key.size()), message, sizeof message, mac, &mac_length);
  // Dynamic truncation (RFC 4226 §5.3): 31 bits at the offset named by the last nibble.
  unsigned offset = mac[mac_length - 1] & 0x0f;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::string code = std::to_string(binary % power_of_ten(digits));
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

std::int64_t time_step(std::int64_t unix_seconds, int period) {
  std::int64_t step = unix_seconds / period;
  return unix_seconds < 0 && unix_seconds % period != 0 ? step - 1 : step;
}

std::string code_at(std::string_view key, std::int64_t unix_seconds, const Params& params) {
  return hotp(key, static_cast<std::uint64_t>(time_step(unix_seconds, params.period)), params.algorithm,
              params.digits);
}

std::optional<std::int64_t> matching_step(std::string_view key, std::string_view code, std::int64_t unix_seconds,
                                          const Params& params, std::int64_t after_step, int skew) {
  std::int64_t now = time_step(unix_seconds, params.period);
  std::optional<std::int64_t> found;
  for (std::int64_t step = now - skew; step <= now + skew; ++step) {
    if (step < 0) continue;
    bool equal = secure_equals(hotp(key, static_cast<std::uint64_t>(step), params.algorithm, params.digits), code);
    if (equal && step > after_step && !found) found = step;
  }
  return found;
}

}  // namespace fastcms::core::auth::totp
