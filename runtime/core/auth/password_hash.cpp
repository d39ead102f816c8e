#include "core/auth/password_hash.h"

#include <crypt.h>

#include <cstring>
#include <memory>

#include "common/random.h"
#include "common/secure_compare.h"

namespace fastcms::core::auth {

Result<std::string> hash_password(std::string_view password, int cost) {
  if (password.size() > 72) return Error::failure("password is longer than 72 bytes, the most bcrypt can hash");
  if (password.find('\0') != std::string_view::npos) return Error::failure("password contains a NUL byte");
  std::string entropy = random::bytes(16);
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), entropy.data(), static_cast<int>(entropy.size()),
                        salt, sizeof salt))
    return Error::failure("cannot create a bcrypt salt: " + std::string(std::strerror(errno)));
  auto data = std::make_unique<crypt_data>();
  std::string pw(password);
  const char* out = crypt_r(pw.c_str(), salt, data.get());
  if (!out || out[0] == '*') return Error::failure("bcrypt hashing failed");
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (!hash.starts_with("$2a$") && !hash.starts_with("$2b$") && !hash.starts_with("$2y$")) return false;
  if (password.size() > 72 || password.find('\0') != std::string_view::npos) return false;
  auto data = std::make_unique<crypt_data>();
  std::string pw(password);
  const char* out = crypt_r(pw.c_str(), hash.c_str(), data.get());
  if (!out || out[0] == '*') return false;
  return secure_equals(out, hash);
}

}  // namespace fastcms::core::auth
