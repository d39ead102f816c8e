// End-to-end: multi-factor sign-in and the TOTP endpoints through the official PocketBase JS
// SDK against a real `fastcms dev` server (tests/e2e/sdk/mfa_totp.test.mjs).
#include <doctest/doctest.h>

#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK signs in with MFA: password, then TOTP or a backup code") {
    fastcms::test::run_sdk_scenario("mfa_totp.test.mjs");
  }
}
