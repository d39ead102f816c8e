#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/filter/sql_value.h"

namespace fastcms::core::filter {

/// A UTC time as PocketBase writes it: "YYYY-MM-DD HH:MM:SS.mmmZ".
std::string format_datetime(std::chrono::system_clock::time_point t);

/// The value of a datetime macro at `now` (UTC): @now @yesterday @tomorrow @todayStart
/// @todayEnd @monthStart @monthEnd @yearStart @yearEnd give datetime strings; @second
/// @minute @hour @weekday (0 = Sunday) @day @month @year give integers. nullopt when
/// `name` is not a macro.
std::optional<SqlValue> datetime_macro(std::string_view name, std::chrono::system_clock::time_point now);

/// Every macro name (with its '@'), for suggestions.
const std::vector<std::string>& datetime_macro_names();

}  // namespace fastcms::core::filter
