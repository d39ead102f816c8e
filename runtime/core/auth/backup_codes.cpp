#include "core/auth/backup_codes.h"

#include "common/hmac.h"
#include "common/random.h"
#include "common/secure_compare.h"

namespace fastcms::core::auth {

namespace {
constexpr std::string_view backup_code_hash_key = "fastcms totp backup code";

std::string normalize(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}
}  // namespace

std::vector<std::string> generate_backup_codes(std::size_t count) {
  std::vector<std::string> codes;
  codes.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string raw = random::token(10);
    codes.push_back(raw.substr(0, 5) + "-" + raw.substr(5));
  }
  return codes;
}

std::string backup_code_hash(std::string_view code) {
  return hmac_sha256_hex(backup_code_hash_key, normalize(code));
}

long find_backup_code(const std::vector<std::string>& hashes, std::string_view code) {
  std::string hash = backup_code_hash(code);
  long found = -1;
  for (std::size_t i = 0; i < hashes.size(); ++i)
    if (secure_equals(hashes[i], hash) && found < 0) found = static_cast<long>(i);
  return found;
}

}  // namespace fastcms::core::auth
