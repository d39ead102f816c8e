#pragma once
#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace fastcms::core::settings {

/// A parsed cron expression: the minutes, hours, days of month, months and days of week
/// it fires on (UTC).
struct CronSchedule {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;  ///< 1-31
  std::bitset<13> months;  ///< 1-12
  std::bitset<7> weekdays;  ///< 0 = Sunday

  /// True when the schedule fires in the UTC minute that contains `t`.
  bool matches(std::chrono::system_clock::time_point t) const;
};

/// Parses a cron expression as PocketBase's scheduler accepts it: five space-separated
/// segments (minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6), each
/// a comma list of `*`, `*/step`, `n`, `n/step`, `n-m` or `n-m/step`; or one of the macros
/// @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly. Like PocketBase's
/// cron, a minute matches when every segment matches (day of month AND day of week).
/// The Error's message says what is wrong (a sentence, for the settings error).
Result<CronSchedule> parse_cron(std::string_view expression);

/// nullopt when `expression` parses, else parse_cron's message.
std::optional<std::string> cron_expression_error(std::string_view expression);

}  // namespace fastcms::core::settings
