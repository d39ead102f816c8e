#include "core/records/autogenerate_pattern.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "common/random.h"

namespace fastcms::core::records {

namespace {

constexpr size_t open_repeat_extra = 6;  // PocketBase's defaultMaxRepeat for *, + and {n,}
constexpr size_t max_repeat = 1000;

/// One element of a parsed pattern: a literal, a class to pick from, or a group of
/// alternatives; repeated between min and max times.
struct PatternNode {
  enum class Kind { literal, one_of, group } kind = Kind::literal;
  std::string literal;                              // Kind::literal (one UTF-8 character)
  std::string choices;                              // Kind::one_of (ASCII characters)
  std::vector<std::vector<PatternNode>> branches;   // Kind::group
  size_t min = 1, max = 1;
};

const std::string digit_chars = "0123456789";
const std::string word_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
const std::string alnum_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// 4 bytes from the kernel CSPRNG, drawn 256 at a time per thread: one getrandom call per
/// 64 characters instead of one per character (imports generate ids by the thousand).
uint32_t random_u32() {
  thread_local std::string pool;
  thread_local size_t used = 0;
  if (used + 4 > pool.size()) {
    pool = random::bytes(256);
    used = 0;
  }
  uint32_t v = 0;
  std::memcpy(&v, pool.data() + used, 4);
  used += 4;
  return v;
}

size_t random_below(size_t n) {
  if (n <= 1) return 0;
  const uint64_t limit = UINT32_MAX - (static_cast<uint64_t>(UINT32_MAX) + 1) % n;
  for (;;) {
    uint32_t v = random_u32();
    if (v <= limit) return v % n;
  }
}

class PatternParser {
 public:
  explicit PatternParser(std::string_view p) : p_(p) {}

  Result<std::vector<std::vector<PatternNode>>> parse() {
    auto branches = alternation();
    if (!branches) return branches;
    if (i_ < p_.size()) return fail("unbalanced ')'");
    return branches;
  }

 private:
  Error fail(const std::string& what) const {
    return Error::usage("autogenerate pattern \"" + std::string(p_) + "\": " + what + " at position " +
                        std::to_string(i_));
  }
  bool at(char c) const { return i_ < p_.size() && p_[i_] == c; }

  Result<std::vector<std::vector<PatternNode>>> alternation() {
    std::vector<std::vector<PatternNode>> branches;
    for (;;) {
      auto seq = sequence();
      if (!seq) return seq.error();
      branches.push_back(std::move(*seq));
      if (!at('|')) return branches;
      ++i_;
    }
  }

  Result<std::vector<PatternNode>> sequence() {
    std::vector<PatternNode> out;
    while (i_ < p_.size() && !at('|') && !at(')')) {
      if (at('^') || at('$')) {
        ++i_;
        continue;
      }
      auto node = atom();
      if (!node) return node.error();
      if (auto q = quantifier(*node); !q) return q.error();
      out.push_back(std::move(*node));
    }
    return out;
  }

  Result<PatternNode> atom() {
    PatternNode n;
    const char c = p_[i_];
    if (c == '*' || c == '+' || c == '?' || c == '{') return fail("nothing to repeat");
    if (c == '(') {
      ++i_;
      if (p_.substr(i_, 2) == "?:") i_ += 2;
      else if (at('?')) return fail("unsupported group syntax");
      auto branches = alternation();
      if (!branches) return branches.error();
      if (!at(')')) return fail("missing ')'");
      ++i_;
      n.kind = PatternNode::Kind::group;
      n.branches = std::move(*branches);
      return n;
    }
    if (c == '[') return char_class();
    if (c == '.') {
      ++i_;
      n.kind = PatternNode::Kind::one_of;
      n.choices = alnum_chars;
      return n;
    }
    if (c == '\\') {
      auto set = escape();
      if (!set) return set.error();
      if (set->size() == 1) {
        n.literal = *set;
      } else {
        n.kind = PatternNode::Kind::one_of;
        n.choices = *set;
      }
      return n;
    }
    // A literal character; a multi-byte UTF-8 character stays whole.
    size_t len = 1;
    const auto lead = static_cast<unsigned char>(c);
    if (lead >= 0xF0) len = 4;
    else if (lead >= 0xE0) len = 3;
    else if (lead >= 0xC0) len = 2;
    n.literal = std::string(p_.substr(i_, len));
    i_ += len;
    return n;
  }

  /// After a backslash: the characters it stands for (one for a literal escape).
  Result<std::string> escape() {
    ++i_;
    if (i_ >= p_.size()) return fail("trailing backslash");
    const char e = p_[i_++];
    switch (e) {
      case 'd': return digit_chars;
      case 'w': return word_chars;
      case 'n': return std::string("\n");
      case 't': return std::string("\t");
      default: break;
    }
    if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9'))
      return fail(std::string("unsupported escape \\") + e);
    return std::string(1, e);
  }

  Result<PatternNode> char_class() {
    ++i_;  // '['
    if (at('^')) return fail("negated character classes are not supported");
    std::string chars;
    bool first = true;
    while (i_ < p_.size() && (!at(']') || first)) {
      first = false;
      std::string item;
      if (at('\\')) {
        auto set = escape();
        if (!set) return set.error();
        item = *set;
      } else {
        if (static_cast<unsigned char>(p_[i_]) >= 0x80) return fail("non-ASCII characters in a class");
        item = std::string(1, p_[i_++]);
      }
      if (item.size() == 1 && at('-') && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        ++i_;
        char hi = p_[i_];
        if (hi == '\\') {
          auto set = escape();
          if (!set || set->size() != 1) return fail("invalid range");
          hi = (*set)[0];
        } else {
          if (static_cast<unsigned char>(hi) >= 0x80) return fail("non-ASCII characters in a class");
          ++i_;
        }
        if (hi < item[0]) return fail("invalid range");
        for (char ch = item[0];; ++ch) {
          chars.push_back(ch);
          if (ch == hi) break;
        }
        continue;
      }
      chars += item;
    }
    if (!at(']')) return fail("missing ']'");
    ++i_;
    if (chars.empty()) return fail("empty character class");
    PatternNode n;
    n.kind = PatternNode::Kind::one_of;
    n.choices = std::move(chars);
    return n;
  }

  Result<size_t> number() {
    size_t start = i_, v = 0;
    while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') {
      v = v * 10 + static_cast<size_t>(p_[i_] - '0');
      if (v > max_repeat) return fail("repeat count above " + std::to_string(max_repeat));
      ++i_;
    }
    if (i_ == start) return fail("expected a number");
    return v;
  }

  Status quantifier(PatternNode& n) {
    if (at('?')) {
      n.min = 0, n.max = 1, ++i_;
    } else if (at('*')) {
      n.min = 0, n.max = open_repeat_extra, ++i_;
    } else if (at('+')) {
      n.min = 1, n.max = 1 + open_repeat_extra, ++i_;
    } else if (at('{')) {
      ++i_;
      auto lo = number();
      if (!lo) return lo.error();
      n.min = n.max = *lo;
      if (at(',')) {
        ++i_;
        if (at('}')) {
          n.max = n.min + open_repeat_extra;
        } else {
          auto hi = number();
          if (!hi) return hi.error();
          if (*hi < n.min) return fail("repeat bounds out of order");
          n.max = *hi;
        }
      }
      if (!at('}')) return fail("missing '}'");
      ++i_;
    } else {
      return Ok{};
    }
    if (at('?') || at('*') || at('+') || at('{')) return fail("nested quantifier");
    return Ok{};
  }

  std::string_view p_;
  size_t i_ = 0;
};

void generate(const std::vector<PatternNode>& seq, std::string& out);

void generate_node(const PatternNode& n, std::string& out) {
  const size_t times = n.min + random_below(n.max - n.min + 1);
  for (size_t k = 0; k < times; ++k) {
    switch (n.kind) {
      case PatternNode::Kind::literal: out += n.literal; break;
      case PatternNode::Kind::one_of: out.push_back(n.choices[random_below(n.choices.size())]); break;
      case PatternNode::Kind::group: generate(n.branches[random_below(n.branches.size())], out); break;
    }
  }
}

void generate(const std::vector<PatternNode>& seq, std::string& out) {
  for (const auto& n : seq) generate_node(n, out);
}

}  // namespace

Result<std::string> random_string_from_pattern(std::string_view pattern) {
  auto branches = PatternParser(pattern).parse();
  if (!branches) return branches.error();
  std::string out;
  generate((*branches)[random_below(branches->size())], out);
  return out;
}

}  // namespace fastcms::core::records
