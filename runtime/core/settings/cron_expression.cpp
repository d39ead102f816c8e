#include "core/settings/cron_expression.h"

#include <array>
#include <charconv>
#include <vector>

#include "common/strings.h"

namespace fastcms::core::settings {

namespace {

struct SegmentRange {
  const char* name;
  int min, max;
};

constexpr std::array<SegmentRange, 5> segment_ranges = {
    SegmentRange{"minute", 0, 59}, SegmentRange{"hour", 0, 23}, SegmentRange{"day of month", 1, 31},
    SegmentRange{"month", 1, 12}, SegmentRange{"day of week", 0, 6}};

constexpr std::array<std::string_view, 7> macros = {"@yearly", "@annually", "@monthly", "@weekly",
                                                    "@daily",  "@midnight", "@hourly"};

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// nullopt when `item` (one comma-separated part of a segment) is valid for `range`.
std::optional<std::string> item_error(std::string_view item, const SegmentRange& range) {
  std::string_view base = item;
  if (size_t slash = item.find('/'); slash != std::string_view::npos) {
    base = item.substr(0, slash);
    auto step = parse_int(item.substr(slash + 1));
    if (!step || *step < 1) return "invalid step \"" + std::string(item.substr(slash + 1)) + "\"";
  }
  if (base == "*") return std::nullopt;
  std::string_view from = base, to = base;
  if (size_t dash = base.find('-'); dash != std::string_view::npos) {
    from = base.substr(0, dash);
    to = base.substr(dash + 1);
  }
  auto low = parse_int(from), high = parse_int(to);
  if (!low || !high) return "invalid value \"" + std::string(base) + "\"";
  if (*low < range.min || *high > range.max || *low > *high)
    return "\"" + std::string(base) + "\" is outside " + std::to_string(range.min) + "-" + std::to_string(range.max);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> cron_expression_error(std::string_view expression) {
  std::string trimmed = strings::trim(expression);
  for (auto macro : macros)
    if (trimmed == macro) return std::nullopt;
  std::vector<std::string> segments;
  for (size_t start = 0; start < trimmed.size();) {
    size_t end = trimmed.find(' ', start);
    if (end == std::string::npos) end = trimmed.size();
    if (end > start) segments.push_back(trimmed.substr(start, end - start));
    start = end + 1;
  }
  if (segments.size() != segment_ranges.size())
    return "Invalid cron expression \"" + std::string(expression) +
           "\": it must have exactly 5 space separated segments.";
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& range = segment_ranges[i];
    std::string_view segment = segments[i];
    for (size_t start = 0; start <= segment.size();) {
      size_t end = segment.find(',', start);
      if (end == std::string_view::npos) end = segment.size();
      if (auto error = item_error(segment.substr(start, end - start), range))
        return "Invalid cron expression \"" + std::string(expression) + "\": " + range.name + " segment has " + *error +
               ".";
      start = end + 1;
    }
  }
  return std::nullopt;
}

}  // namespace fastcms::core::settings
