// End-to-end: the official PocketBase JS SDK (tests/e2e/sdk, pocketbase 0.28.0) drives a real
// `fastcms dev` server. Each scenario lives in a tests/e2e/sdk/*.test.mjs file;
// run_sdk_scenario sets the stage and reports node's and the server's output on failure.
#include <doctest/doctest.h>

#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK drives the records API of fastcms dev") {
    fastcms::test::run_sdk_scenario("records_api.test.mjs");
  }
}
