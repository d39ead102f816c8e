// End-to-end: realtime (GET/POST /api/realtime, channels, presence, user topics) through the
// official PocketBase JS SDK with the `eventsource` package (tests/e2e/sdk/realtime.test.mjs).
#include <doctest/doctest.h>

#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK subscribes to fastcms realtime: records, channels, presence") {
    fastcms::test::SdkScenarioOptions options;
    options.config_patch = {{"realtime",
                             {{"topics",
                               {{{"topic", "channel:lobby"},
                                 {"subscribeRule", "@request.auth.id != ''"},
                                 {"publishRule", "@request.auth.id != ''"}},
                                {{"topic", "presence:room-*"}, {"subscribeRule", "@request.auth.id != ''"}}}}}}};
    fastcms::test::run_sdk_scenario("realtime.test.mjs", options);
  }
}
