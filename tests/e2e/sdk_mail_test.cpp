// End-to-end: the mail flows (verification, password reset, email change, settings test
// email) through the official PocketBase JS SDK against `fastcms dev`, first with the dev
// mail folder, then with a real SMTP server (npm smtp-server) started by the script.
#include <doctest/doctest.h>

#include "support/sdk_scenario.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK completes the mail flows with real mails") {
    fastcms::test::run_sdk_scenario("mail_flows.test.mjs");
  }
}
