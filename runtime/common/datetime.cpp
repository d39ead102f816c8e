#include "common/datetime.h"

#include <cstdio>
#include <regex>

namespace fastcms::datetime {
using namespace std::chrono;

std::string format(system_clock::time_point t) {
  auto ms = time_point_cast<milliseconds>(t);
  auto days = floor<std::chrono::days>(ms);
  year_month_day ymd{days};
  hh_mm_ss hms{ms - days};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02ld:%02ld:%02ld.%03ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()), static_cast<long>(hms.subseconds().count()));
  return buffer;
}

std::optional<system_clock::time_point> parse(std::string_view text) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:\d{2})?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, re)) return std::nullopt;
  auto num = [&](int i) { return m[i].matched ? std::stoi(m[i].str()) : 0; };
  year_month_day ymd{year{num(1)}, month{static_cast<unsigned>(num(2))}, day{static_cast<unsigned>(num(3))}};
  if (!ymd.ok()) return std::nullopt;
  int h = num(4), mi = num(5), s = num(6);
  if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  long long millis = 0;
  if (m[7].matched) {
    std::string frac = (m[7].str() + "000").substr(0, 3);
    millis = std::stoll(frac);
  }
  system_clock::time_point t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis};
  if (m[8].matched && m[8].str() != "Z") {
    std::string off = m[8].str();
    int sign = off[0] == '-' ? -1 : 1;
    int oh = std::stoi(off.substr(1, 2)), om = std::stoi(off.substr(4, 2));
    if (oh > 23 || om > 59) return std::nullopt;
    t -= sign * (hours{oh} + minutes{om});
  }
  return t;
}

std::optional<std::string> normalize(std::string_view text) {
  auto t = parse(text);
  if (!t) return std::nullopt;
  return format(*t);
}

std::string now() { return format(system_clock::now()); }

}  // namespace fastcms::datetime
