#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fastcms::core::settings {

/// Checks a cron expression as PocketBase's scheduler accepts it: five space-separated
/// segments (minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6), each
/// a comma list of `*`, `*/step`, `n`, `n/step`, `n-m` or `n-m/step`; or one of the macros
/// @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly.
/// Returns nullopt when valid, else what is wrong (a sentence, for the settings error).
std::optional<std::string> cron_expression_error(std::string_view expression);

}  // namespace fastcms::core::settings
