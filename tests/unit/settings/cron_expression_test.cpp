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
