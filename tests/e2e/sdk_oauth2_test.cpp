// End-to-end: OAuth2 sign-in through the official PocketBase JS SDK against `fastcms dev`, with
// npm oauth2-mock-server as the oidc provider (tests/e2e/sdk/oauth2.test.mjs).
#include <doctest/doctest.h>

#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("OAuth2 code flow through the PocketBase JS SDK") { fastcms::test::run_sdk_scenario("oauth2.test.mjs"); }
}
