// End-to-end: /api/backups through the PocketBase JS SDK (tests/e2e/sdk/backups.test.mjs)
// against a real `fastcms dev`; the server listens on a fixed port because a restore
// restarts it with the same arguments.
#include <doctest/doctest.h>

#include "support/e2e_project.h"
#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK drives /api/backups, restore included") {
    fastcms::test::SdkScenarioOptions options;
    options.server_args = {"dev", "--port", std::to_string(fastcms::test::free_tcp_port())};
    fastcms::test::run_sdk_scenario("backups.test.mjs", options);
  }
}
