#include "core/filter/datetime_macros.h"

#include <cstdio>

namespace fastcms::core::filter {

namespace {
using namespace std::chrono;

system_clock::time_point macro_at(year_month_day ymd, milliseconds time_of_day) {
  return sys_days(ymd) + time_of_day;
}

}  // namespace

std::string format_datetime(system_clock::time_point t) {
  const auto ms = floor<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd(day);
  const hh_mm_ss<milliseconds> hms(ms - day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld:%02ld.%03ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()), static_cast<long>(hms.subseconds().count()));
  return buf;
}

const std::vector<std::string>& datetime_macro_names() {
  static const std::vector<std::string> names = {
      "@now",     "@second",    "@minute",  "@hour",      "@weekday",   "@day",      "@month",    "@year",
      "@yesterday", "@tomorrow", "@todayStart", "@todayEnd", "@monthStart", "@monthEnd", "@yearStart", "@yearEnd"};
  return names;
}

std::optional<SqlValue> datetime_macro(std::string_view name, system_clock::time_point now) {
  const auto day = floor<days>(now);
  const year_month_day ymd(day);
  const hh_mm_ss<system_clock::duration> hms(now - day);
  const milliseconds end_of_day = hours(23) + minutes(59) + seconds(59) + milliseconds(999);
  if (name == "@now") return format_datetime(now);
  if (name == "@second") return static_cast<int64_t>(hms.seconds().count());
  if (name == "@minute") return static_cast<int64_t>(hms.minutes().count());
  if (name == "@hour") return static_cast<int64_t>(hms.hours().count());
  if (name == "@weekday") return static_cast<int64_t>(weekday(day).c_encoding());
  if (name == "@day") return static_cast<int64_t>(static_cast<unsigned>(ymd.day()));
  if (name == "@month") return static_cast<int64_t>(static_cast<unsigned>(ymd.month()));
  if (name == "@year") return static_cast<int64_t>(static_cast<int>(ymd.year()));
  if (name == "@yesterday") return format_datetime(now - hours(24));
  if (name == "@tomorrow") return format_datetime(now + hours(24));
  if (name == "@todayStart") return format_datetime(day);
  if (name == "@todayEnd") return format_datetime(day + end_of_day);
  if (name == "@monthStart") return format_datetime(macro_at(ymd.year() / ymd.month() / 1, milliseconds(0)));
  if (name == "@monthEnd")
    return format_datetime(macro_at(year_month_day(ymd.year() / ymd.month() / last), end_of_day));
  if (name == "@yearStart") return format_datetime(macro_at(ymd.year() / January / 1, milliseconds(0)));
  if (name == "@yearEnd") return format_datetime(macro_at(ymd.year() / December / 31, end_of_day));
  return std::nullopt;
}

}  // namespace fastcms::core::filter
