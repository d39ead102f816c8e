#include "common/secure_compare.h"

#include <openssl/crypto.h>

namespace fastcms {

bool secure_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace fastcms
