#include "core/filter/like_pattern.h"

namespace fastcms::core::filter {

namespace {
bool like_escapable(char c) { return c == '\\' || c == '%' || c == '_'; }
}  // namespace

bool has_unescaped_percent(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && like_escapable(text[i + 1])) {
      ++i;
      continue;
    }
    if (text[i] == '%') return true;
  }
  return false;
}

std::string like_contains_pattern(std::string_view text) {
  if (has_unescaped_percent(text)) return std::string(text);
  std::string out = "%";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && like_escapable(text[i + 1])) {
      out += c;
      out += text[++i];
      continue;
    }
    if (like_escapable(c)) out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace fastcms::core::filter
