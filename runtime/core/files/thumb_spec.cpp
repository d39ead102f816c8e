#include "core/files/thumb_spec.h"

#include <charconv>

#include "core/files/image_limits.h"

namespace fastcms::core::files {

namespace {

/// Reads the leading run of digits of `text` as a side length; nullopt when there is none or it
/// exceeds max_output_side. Advances `text` past the digits.
std::optional<int> take_side(std::string_view& text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  std::string_view number = text.substr(0, digits);
  text.remove_prefix(digits);
  while (number.size() > 1 && number.front() == '0') number.remove_prefix(1);  // "0050" is 50
  if (number.size() > 4) return std::nullopt;
  int value = 0;
  std::from_chars(number.data(), number.data() + number.size(), value);
  if (value > max_output_side) return std::nullopt;
  return value;
}

}  // namespace

std::string ThumbSpec::text() const {
  std::string out = std::to_string(width) + "x" + std::to_string(height);
  switch (mode) {
    case Mode::center: break;
    case Mode::top: out += 't'; break;
    case Mode::bottom: out += 'b'; break;
    case Mode::fit: out += 'f'; break;
  }
  return out;
}

std::optional<ThumbSpec> parse_thumb_spec(std::string_view text) {
  ThumbSpec spec;
  auto width = take_side(text);
  if (!width || text.empty() || text.front() != 'x') return std::nullopt;
  text.remove_prefix(1);
  auto height = take_side(text);
  if (!height || (*width == 0 && *height == 0)) return std::nullopt;
  spec.width = *width;
  spec.height = *height;
  if (text == "t") spec.mode = ThumbSpec::Mode::top;
  else if (text == "b") spec.mode = ThumbSpec::Mode::bottom;
  else if (text == "f") spec.mode = ThumbSpec::Mode::fit;
  else if (!text.empty()) return std::nullopt;
  return spec;
}

}  // namespace fastcms::core::files
