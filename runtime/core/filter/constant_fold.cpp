#include "core/filter/constant_fold.h"

#include <algorithm>

#include "core/filter/like_pattern.h"

namespace fastcms::core::filter {

namespace {

bool fold_is_empty(const SqlValue& v) { return v.is_null() || (v.is_text() && v.if_text()->empty()); }

char fold_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// SQLite's ordering of two non-NULL values: numbers before text before blobs.
int fold_compare(const SqlValue& a, const SqlValue& b) {
  auto rank = [](const SqlValue& v) { return v.is_integer() || v.is_real() ? 1 : v.is_text() ? 2 : 3; };
  const int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra == 1) {
    if (a.is_integer() && b.is_integer()) return *a.if_integer() < *b.if_integer() ? -1 : *a.if_integer() > *b.if_integer();
    const double x = a.to_double(), y = b.to_double();
    return x < y ? -1 : x > y;
  }
  const std::string x = a.to_text(), y = b.to_text();
  return x.compare(y) < 0 ? -1 : x.compare(y) > 0;
}

size_t fold_utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = fold_lower(c);
  return out;
}

bool like_matches(std::string_view t, std::string_view p) {
  size_t ti = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = ++pi;
      star_t = ti;
      continue;
    }
    if (pi < p.size()) {
      char pc = p[pi];
      size_t plen = 1;
      bool literal = false;
      if (pc == '\\' && pi + 1 < p.size()) {
        pc = p[pi + 1];
        plen = 2;
        literal = true;
      }
      if (!literal && pc == '_') {
        ti = std::min(t.size(), ti + fold_utf8_length(static_cast<unsigned char>(t[ti])));
        pi += 1;
        continue;
      }
      if (fold_lower(pc) == fold_lower(t[ti])) {
        ++ti;
        pi += plen;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    star_t = std::min(t.size(), star_t + fold_utf8_length(static_cast<unsigned char>(t[star_t])));
    ti = star_t;
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

std::optional<std::string> like_text(const SqlValue& v) {
  if (v.is_null()) return std::string();
  if (v.is_text()) return *v.if_text();
  if (v.is_integer()) return std::to_string(*v.if_integer());
  return std::nullopt;
}

std::optional<bool> fold_comparison(CompareOp op, const SqlValue& l, const SqlValue& r) {
  switch (op) {
    case CompareOp::eq:
    case CompareOp::neq: {
      bool equal;
      if (fold_is_empty(l) || fold_is_empty(r)) equal = fold_is_empty(l) && fold_is_empty(r);
      else equal = fold_compare(l, r) == 0;
      return op == CompareOp::eq ? equal : !equal;
    }
    case CompareOp::gt:
    case CompareOp::gte:
    case CompareOp::lt:
    case CompareOp::lte: {
      if (l.is_null() || r.is_null()) return false;
      const int c = fold_compare(l, r);
      if (op == CompareOp::gt) return c > 0;
      if (op == CompareOp::gte) return c >= 0;
      if (op == CompareOp::lt) return c < 0;
      return c <= 0;
    }
    case CompareOp::like:
    case CompareOp::not_like: {
      auto text = like_text(l);
      auto pattern_text = like_text(r);
      if (!text || !pattern_text) return std::nullopt;
      const std::string pattern = like_contains_pattern(*pattern_text);
      if (op == CompareOp::like) return !l.is_null() && like_matches(*text, pattern);
      return !like_matches(*text, pattern);
    }
  }
  return std::nullopt;
}

}  // namespace fastcms::core::filter
