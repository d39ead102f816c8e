#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fastcms::datetime {

/// A UTC time as PocketBase writes it: "YYYY-MM-DD HH:MM:SS.mmmZ".
std::string format(std::chrono::system_clock::time_point t);

/// Parses the datetime forms clients send: "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.fff]]"
/// with ' ' or 'T', optionally followed by 'Z' or a "+HH:MM"/"-HH:MM" offset (converted to
/// UTC). nullopt for anything else, including impossible dates such as 2023-02-30.
std::optional<std::chrono::system_clock::time_point> parse(std::string_view text);

/// parse() then format(): the canonical form of a datetime string, or nullopt.
std::optional<std::string> normalize(std::string_view text);

/// The current time, formatted.
std::string now();

}  // namespace fastcms::datetime
