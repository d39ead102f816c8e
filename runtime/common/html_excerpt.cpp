// Written by hand rather than with an HTML parser library: an excerpt needs only the text
// outside tags, tag names (to skip non-text elements and to space block elements) and
// entity decoding, a few dozen lines; a full HTML5 tree builder (none is packaged with
// the project's dependencies) would be a large dependency for it.
#include "common/html_excerpt.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace fastcms {

namespace {

// PocketBase's lists (tools/picker/excerpt_modifier.go).
constexpr std::array<std::string_view, 18> excluded_tags = {
    "head", "style", "script", "iframe", "embed", "applet", "object", "svg", "img",
    "picture", "dialog", "template", "button", "form", "textarea", "input", "select", "option"};
constexpr std::array<std::string_view, 21> inline_tags = {
    "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "em",
    "i", "label", "q", "small", "span", "strong", "strike", "sub", "sup", "time"};
constexpr std::array<std::string_view, 14> void_tags = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"};

template <size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void append_utf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Decodes the entity at text[i] == '&' into out; returns the index after it (or i + 1
/// with a literal '&' when it is not a known entity).
size_t decode_entity(std::string_view text, size_t i, std::string& out) {
  const size_t semi = text.find(';', i);
  if (semi == std::string_view::npos || semi - i > 12) {
    out += '&';
    return i + 1;
  }
  std::string_view name = text.substr(i + 1, semi - i - 1);
  if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    uint32_t cp = 0;
    bool valid = !digits.empty();
    for (char c : digits) {
      int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c))
                  ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                  : -1;
      if (v < 0) valid = false;
      if (!valid) break;
      cp = std::min<uint32_t>(cp * (hex ? 16 : 10) + static_cast<uint32_t>(v), 0x110000);
    }
    if (valid) {
      append_utf8(out, cp);
      return semi + 1;
    }
  }
  static constexpr std::pair<std::string_view, uint32_t> named[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
      {"copy", 0xA9}, {"reg", 0xAE}, {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013},
      {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}};
  for (const auto& [entity, cp] : named)
    if (name == entity) {
      append_utf8(out, cp);
      return semi + 1;
    }
  out += '&';
  return i + 1;
}

/// Builds the collapsed text: a space is written at most once in a row.
class TextBuilder {
 public:
  void text(std::string_view raw) {
    for (char c : raw) {
      if (is_html_space(c)) {
        space();
      } else {
        out_ += c;
        prev_space_ = false;
      }
    }
  }
  void space() {
    if (!prev_space_) out_ += ' ';
    prev_space_ = true;
  }
  size_t size() const { return out_.size(); }
  std::string& str() { return out_; }

 private:
  std::string out_;
  // At the start nothing needs separating (leading spaces are trimmed anyway).
  bool prev_space_ = true;
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The end of the tag starting at html[i] == '<' (index after '>'), quotes respected.
size_t tag_end(std::string_view html, size_t i) {
  char quote = 0;
  for (size_t j = i + 1; j < html.size(); ++j) {
    if (quote) {
      if (html[j] == quote) quote = 0;
    } else if (html[j] == '"' || html[j] == '\'') {
      quote = html[j];
    } else if (html[j] == '>') {
      return j + 1;
    }
  }
  return html.size();
}

/// Skips the content of an excluded element opened just before `i`, nested same-name
/// elements included; returns the index after its closing tag (or the end).
size_t skip_element(std::string_view html, size_t i, const std::string& name) {
  const bool raw_text = name == "script" || name == "style" || name == "textarea";
  int depth = 1;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) return html.size();
    size_t name_start = lt + 1 + (lt + 1 < html.size() && html[lt + 1] == '/' ? 1 : 0);
    bool closing = name_start == lt + 2;
    size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    const bool same = lower_ascii(html.substr(name_start, name_end - name_start)) == name;
    const size_t end = tag_end(html, lt);
    if (same && closing && --depth == 0) return end;
    if (same && !closing && !raw_text) ++depth;
    i = raw_text ? lt + 1 : end;
  }
  return html.size();
}

/// The byte length of the first `max` UTF-8 characters of `s` (all of it when shorter).
size_t utf8_prefix_bytes(std::string_view s, size_t max) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max) return i;
    ++chars;
  }
  return s.size();
}

std::string trim_spaces(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (is_html_space(s[b]) || s[b] == '\v')) ++b;
  while (e > b && (is_html_space(s[e - 1]) || s[e - 1] == '\v')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string html_excerpt(std::string_view html, size_t max_chars, bool ellipsis) {
  TextBuilder text;
  // Stop early once enough text is there (a character is at most 4 bytes; +2 for the
  // spaces trimmed later).
  const size_t enough = max_chars > (html.size() / 4) ? html.size() : 4 * max_chars + 2;
  size_t i = 0;
  while (i < html.size() && text.size() <= enough) {
    const char c = html[i];
    if (c == '&') {
      std::string decoded;
      i = decode_entity(html, i, decoded);
      text.text(decoded);
      continue;
    }
    if (c != '<') {
      size_t next = html.find_first_of("<&", i);
      if (next == std::string_view::npos) next = html.size();
      text.text(html.substr(i, next - i));
      i = next;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_start = i + (closing ? 2 : 1);
    if (name_start < html.size() && (html[name_start] == '!' || html[name_start] == '?')) {
      i = tag_end(html, i);  // doctype, processing instruction
      continue;
    }
    if (name_start >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
      text.text("<");  // not a tag: a literal '<'
      ++i;
      continue;
    }
    size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    const std::string name = lower_ascii(html.substr(name_start, name_end - name_start));
    const size_t end = tag_end(html, i);
    const bool self_closing = end >= 2 && html[end - 2] == '/';
    i = end;
    if (in(excluded_tags, name)) {
      if (!closing && !self_closing && !in(void_tags, name)) i = skip_element(html, i, name);
      continue;
    }
    if (!in(inline_tags, name)) text.space();
  }
  std::string result = trim_spaces(text.str());
  if (const size_t cut = utf8_prefix_bytes(result, max_chars); cut < result.size()) {
    result = trim_spaces(std::string_view(result).substr(0, cut));
    if (ellipsis) result += "...";
  }
  return result;
}

}  // namespace fastcms
