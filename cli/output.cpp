#include "cli/output.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

namespace fastcms::cli {

bool color_enabled(FILE* stream) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(::fileno(stream)) == 1;
}

std::string styled(FILE* stream, const char* code, const std::string& text) {
  if (!color_enabled(stream)) return text;
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

void print_error(const std::string& message) {
  std::istringstream lines(message);
  std::string line;
  bool first = true;
  std::cerr << styled(stderr, "1;31", "error:");
  while (std::getline(lines, line)) {
    std::cerr << (first ? " " : "\n  ") << line;
    first = false;
  }
  std::cerr << "\n";
}

void print_hint(const std::string& message) { std::cerr << styled(stderr, "2", message) << "\n"; }

}  // namespace fastcms::cli
