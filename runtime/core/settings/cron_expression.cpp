#include "core/settings/cron_expression.h"

#include <array>
#include <charconv>
#include <ctime>
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

struct Macro {
  std::string_view name;
  std::string_view expression;
};
constexpr std::array<Macro, 7> macros = {Macro{"@yearly", "0 0 1 1 *"},  Macro{"@annually", "0 0 1 1 *"},
                                         Macro{"@monthly", "0 0 1 * *"}, Macro{"@weekly", "0 0 * * 0"},
                                         Macro{"@daily", "0 0 * * *"},   Macro{"@midnight", "0 0 * * *"},
                                         Macro{"@hourly", "0 * * * *"}};

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// Sets in `out` (indexed by value) what `item`, one comma-separated part of a segment,
/// selects; else what is wrong with it.
template <std::size_t N>
std::optional<std::string> apply_item(std::string_view item, const SegmentRange& range, std::bitset<N>& out) {
  std::string_view base = item;
  int step = 1;
  if (size_t slash = item.find('/'); slash != std::string_view::npos) {
    base = item.substr(0, slash);
    auto parsed = parse_int(item.substr(slash + 1));
    if (!parsed || *parsed < 1) return "invalid step \"" + std::string(item.substr(slash + 1)) + "\"";
    step = *parsed;
  }
  int low = range.min, high = range.max;
  if (base != "*") {
    std::string_view from = base, to = base;
    if (size_t dash = base.find('-'); dash != std::string_view::npos) {
      from = base.substr(0, dash);
      to = base.substr(dash + 1);
    }
    auto l = parse_int(from), h = parse_int(to);
    if (!l || !h) return "invalid value \"" + std::string(base) + "\"";
    if (*l < range.min || *h > range.max || *l > *h)
      return "\"" + std::string(base) + "\" is outside " + std::to_string(range.min) + "-" + std::to_string(range.max);
    low = *l;
    // "n/step" runs from n to the end of the range, as in PocketBase's cron.
    high = (item.find('/') != std::string_view::npos && base.find('-') == std::string_view::npos) ? range.max : *h;
  }
  for (int v = low; v <= high; v += step) out.set(static_cast<std::size_t>(v));
  return std::nullopt;
}

template <std::size_t N>
std::optional<std::string> apply_segment(std::string_view segment, const SegmentRange& range, std::bitset<N>& out) {
  for (size_t start = 0; start <= segment.size();) {
    size_t end = segment.find(',', start);
    if (end == std::string_view::npos) end = segment.size();
    if (auto error = apply_item(segment.substr(start, end - start), range, out)) return error;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

bool CronSchedule::matches(std::chrono::system_clock::time_point t) const {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return minutes.test(static_cast<std::size_t>(utc.tm_min)) && hours.test(static_cast<std::size_t>(utc.tm_hour)) &&
         days.test(static_cast<std::size_t>(utc.tm_mday)) && months.test(static_cast<std::size_t>(utc.tm_mon + 1)) &&
         weekdays.test(static_cast<std::size_t>(utc.tm_wday));
}

Result<CronSchedule> parse_cron(std::string_view expression) {
  std::string trimmed = strings::trim(expression);
  for (const auto& macro : macros)
    if (trimmed == macro.name) trimmed = std::string(macro.expression);
  std::vector<std::string> segments;
  for (size_t start = 0; start < trimmed.size();) {
    size_t end = trimmed.find(' ', start);
    if (end == std::string::npos) end = trimmed.size();
    if (end > start) segments.push_back(trimmed.substr(start, end - start));
    start = end + 1;
  }
  if (segments.size() != segment_ranges.size())
    return Error::usage("Invalid cron expression \"" + std::string(expression) +
                        "\": it must have exactly 5 space separated segments.");
  CronSchedule schedule;
  std::optional<std::string> error;
  for (size_t i = 0; i < segments.size() && !error; ++i) {
    const auto& range = segment_ranges[i];
    switch (i) {
      case 0: error = apply_segment(segments[i], range, schedule.minutes); break;
      case 1: error = apply_segment(segments[i], range, schedule.hours); break;
      case 2: error = apply_segment(segments[i], range, schedule.days); break;
      case 3: error = apply_segment(segments[i], range, schedule.months); break;
      default: error = apply_segment(segments[i], range, schedule.weekdays); break;
    }
    if (error)
      return Error::usage("Invalid cron expression \"" + std::string(expression) + "\": " + range.name +
                          " segment has " + *error + ".");
  }
  return schedule;
}

std::optional<std::string> cron_expression_error(std::string_view expression) {
  auto parsed = parse_cron(expression);
  if (parsed.ok()) return std::nullopt;
  return parsed.error().message;
}

}  // namespace fastcms::core::settings
