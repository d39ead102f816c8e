#include "common/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

namespace fastcms::random {

std::string bytes(size_t n) {
  std::string out(n, '\0');
  size_t filled = 0;
  while (filled < n) {
    ssize_t got = ::getrandom(out.data() + filled, n - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::abort();
    }
    filled += static_cast<size_t>(got);
  }
  return out;
}

std::string token(size_t n) {
  static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  constexpr unsigned alphabet_size = sizeof(alphabet) - 1;   // 36
  constexpr unsigned limit = 256 - (256 % alphabet_size);    // reject to avoid modulo bias
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    for (unsigned char c : bytes(n)) {
      if (c >= limit) continue;
      out.push_back(alphabet[c % alphabet_size]);
      if (out.size() == n) break;
    }
  }
  return out;
}

std::string hex(size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (unsigned char c : bytes(n)) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

}  // namespace fastcms::random
