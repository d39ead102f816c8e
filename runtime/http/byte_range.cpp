#include "http/byte_range.h"

#include <charconv>

namespace fastcms::http {

namespace {

std::optional<std::size_t> parse_offset(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ByteRange::content_range(std::size_t size) const {
  return "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(size);
}

std::string unsatisfied_content_range(std::size_t size) { return "bytes */" + std::to_string(size); }

RangeRequest parse_range_header(std::string_view header, std::size_t size) {
  RangeRequest whole;
  header = trimmed(header);
  constexpr std::string_view unit = "bytes=";
  if (header.substr(0, unit.size()) != unit) return whole;
  std::string_view spec = trimmed(header.substr(unit.size()));
  if (spec.find(',') != std::string_view::npos) return whole;
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  std::string_view first_text = trimmed(spec.substr(0, dash)), last_text = trimmed(spec.substr(dash + 1));

  RangeRequest out;
  if (first_text.empty()) {  // a suffix: the last N bytes
    auto count = parse_offset(last_text);
    if (!count) return whole;
    if (*count == 0 || size == 0) return {RangeRequest::Kind::unsatisfiable, {}};
    std::size_t n = std::min(*count, size);
    out.kind = RangeRequest::Kind::partial;
    out.range = {size - n, size - 1};
    return out;
  }
  auto first = parse_offset(first_text);
  if (!first) return whole;
  std::optional<std::size_t> last;
  if (!last_text.empty()) {
    last = parse_offset(last_text);
    if (!last || *last < *first) return whole;
  }
  if (*first >= size) return {RangeRequest::Kind::unsatisfiable, {}};
  out.kind = RangeRequest::Kind::partial;
  out.range = {*first, last ? std::min(*last, size - 1) : size - 1};
  return out;
}

}  // namespace fastcms::http
