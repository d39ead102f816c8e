#include "core/settings/cron_expression.h"

#include <doctest/doctest.h>

namespace settings = fastcms::core::settings;

TEST_SUITE("settings cron expression") {
  TEST_CASE("valid expressions and macros") {
    for (const char* ok :
         {"* * * * *", "*/5 0-6 1,15 * 1-5", "0 0 1 1 0", "59 23 31 12 6", "0-30/10 */2 * * *", "5/15 * * * *",
          "  0 3 * * *  ", "@daily", "@hourly", "@yearly", "@annually", "@monthly", "@weekly", "@midnight"})
      CHECK_MESSAGE(!settings::cron_expression_error(ok).has_value(), ok);
  }

  TEST_CASE("invalid expressions say what is wrong") {
    CHECK(settings::cron_expression_error("* * * *") ==
          "Invalid cron expression \"* * * *\": it must have exactly 5 space separated segments.");
    CHECK(settings::cron_expression_error("60 * * * *") ==
          "Invalid cron expression \"60 * * * *\": minute segment has \"60\" is outside 0-59.");
    CHECK(settings::cron_expression_error("*/0 * * * *") ==
          "Invalid cron expression \"*/0 * * * *\": minute segment has invalid step \"0\".");
    CHECK(settings::cron_expression_error("a * * * *") ==
          "Invalid cron expression \"a * * * *\": minute segment has invalid value \"a\".");
    for (const char* bad : {"", "@every", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "5-1 * * * *",
                            "1, * * * *", "* * * * * *", "-1 * * * *"})
      CHECK_MESSAGE(settings::cron_expression_error(bad).has_value(), bad);
  }
}

namespace {
std::chrono::system_clock::time_point cron_test_time(int y, unsigned mo, unsigned d, int h, int mi) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{30};
}
}  // namespace

TEST_SUITE("settings cron expression") {
  TEST_CASE("parse_cron: when a schedule fires") {
    auto every_five = settings::parse_cron("*/5 * * * *");
    REQUIRE(every_five.ok());
    CHECK(every_five->matches(cron_test_time(2026, 11, 22, 3, 0)));
    CHECK(every_five->matches(cron_test_time(2026, 11, 22, 3, 55)));
    CHECK_FALSE(every_five->matches(cron_test_time(2026, 11, 22, 3, 56)));

    auto weekday_mornings = settings::parse_cron("30 6-8 * * 1-5");  // 2026-11-22 is a Sunday
    REQUIRE(weekday_mornings.ok());
    CHECK_FALSE(weekday_mornings->matches(cron_test_time(2026, 11, 22, 6, 30)));
    CHECK(weekday_mornings->matches(cron_test_time(2026, 11, 23, 8, 30)));
    CHECK_FALSE(weekday_mornings->matches(cron_test_time(2026, 11, 23, 9, 30)));

    auto lists = settings::parse_cron("0,15 0 1,15 1/6 *");  // January and July
    REQUIRE(lists.ok());
    CHECK(lists->matches(cron_test_time(2026, 7, 15, 0, 15)));
    CHECK_FALSE(lists->matches(cron_test_time(2026, 8, 15, 0, 15)));
    CHECK(lists->months.count() == 2);

    auto daily = settings::parse_cron("@daily");
    REQUIRE(daily.ok());
    CHECK(daily->matches(cron_test_time(2026, 2, 28, 0, 0)));
    CHECK_FALSE(daily->matches(cron_test_time(2026, 2, 28, 0, 1)));
    auto hourly = settings::parse_cron("@hourly");
    CHECK(hourly->minutes.count() == 1);
    CHECK(hourly->hours.count() == 24);

    auto stepped_range = settings::parse_cron("10-30/10 * * * *");
    CHECK(stepped_range->minutes.count() == 3);
    CHECK(stepped_range->minutes.test(20));

    auto bad = settings::parse_cron("61 * * * *");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "Invalid cron expression \"61 * * * *\": minute segment has \"61\" is outside 0-59.");
  }
}
