// End-to-end: sign-in without a password (OTP, magic links, SMS codes) through the official
// PocketBase JS SDK against a real `fastcms dev` server (tests/e2e/sdk/otp_magic.test.mjs).
#include <doctest/doctest.h>

#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK signs in with OTPs, magic links and SMS codes") {
    fastcms::test::run_sdk_scenario("otp_magic.test.mjs");
  }
}
