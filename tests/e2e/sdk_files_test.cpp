// End-to-end: files through the PocketBase JS SDK (tests/e2e/sdk/files.test.mjs) against a
// real `fastcms dev`, once on local storage and once on a real S3 server (s3rver on loopback,
// chosen through settings `s3`).
#include <doctest/doctest.h>

#include "support/s3rver.h"
#include "support/sdk_scenario.h"
#include "support/temp_dir.h"

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK uploads, downloads and transforms files on local storage") {
    fastcms::test::run_sdk_scenario("files.test.mjs");
  }

  TEST_CASE("the PocketBase JS SDK uploads, downloads and transforms files on S3 (s3rver)") {
    fastcms::test::TempDir dir;
    auto s3 = fastcms::test::start_s3rver(dir / "s3");
    fastcms::test::SdkScenarioOptions options;
    options.extra_env["FASTCMS_S3_ENDPOINT"] = "http://127.0.0.1:" + std::to_string(s3->port());
    options.extra_env["FASTCMS_STORAGE_DIR"] = (dir / "s3" / "fastcms").string();
    fastcms::test::run_sdk_scenario("files.test.mjs", options);
  }
}
