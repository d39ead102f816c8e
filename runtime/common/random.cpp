#include "common/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>

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

namespace {

/// `n` characters drawn uniformly from `alphabet` (rejection sampling: no modulo bias).
std::string from_alphabet(size_t n, std::string_view alphabet) {
  const unsigned size = static_cast<unsigned>(alphabet.size());
  const unsigned limit = 256 - (256 % size);
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    for (unsigned char c : bytes(n)) {
      if (c >= limit) continue;
      out.push_back(alphabet[c % size]);
      if (out.size() == n) break;
    }
  }
  return out;
}

}  // namespace

std::string token(size_t n) { return from_alphabet(n, "abcdefghijklmnopqrstuvwxyz0123456789"); }

std::string alphanumeric(size_t n) {
  return from_alphabet(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

std::string digits(size_t n) { return from_alphabet(n, "0123456789"); }

std::string hex(size_t n) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (unsigned char c : bytes(n)) {
    out.push_back(hex_digits[c >> 4]);
    out.push_back(hex_digits[c & 15]);
  }
  return out;
}

}  // namespace fastcms::random
