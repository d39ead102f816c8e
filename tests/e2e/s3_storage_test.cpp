// S3FileStorage against a real S3 server (npm s3rver, which checks the access key but not SigV4
// signatures: those are checked against AWS's worked examples), started on loopback by the test:
// round trips, listing, deletes, both addressing styles, and the errors of a wrong key or bucket.
#include <doctest/doctest.h>

#include <chrono>

#include "common/http_client.h"
#include "core/files/s3_file_storage.h"
#include "support/e2e_project.h"
#include "support/s3rver.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::core::files::S3FileStorage;
using fastcms::core::files::S3Options;

namespace {

S3Options s3rver_options(int port, bool path_style) {
  S3Options o;
  o.endpoint = (path_style ? "http://127.0.0.1:" : "http://s3.localhost:") + std::to_string(port);
  o.bucket = "fastcms";
  o.access_key = "S3RVER";
  o.secret = "S3RVER";
  o.force_path_style = path_style;
  return o;
}

void exercise_s3_storage(S3FileStorage& storage) {
  const std::string binary("\x00\xFF\x10png\r\n", 8);
  if (auto put = storage.put("pbc_1/rec1/a_0123456789.bin", binary); !put.ok()) FAIL(put.error().message);
  REQUIRE(storage.put("pbc_1/rec1/b_0123456789.txt", "hello").ok());
  REQUIRE(storage.put("pbc_1/rec2/c_0123456789.txt", "other").ok());
  auto got = storage.get("pbc_1/rec1/a_0123456789.bin");
  if (!got.ok()) FAIL(got.error().message);
  REQUIRE(got->has_value());
  CHECK(**got == binary);
  auto missing = storage.get("pbc_1/rec1/missing_0123456789.txt");
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());

  auto keys = storage.list("pbc_1");
  if (!keys.ok()) FAIL(keys.error().message);
  CHECK(*keys == std::vector<std::string>{"pbc_1/rec1/a_0123456789.bin", "pbc_1/rec1/b_0123456789.txt",
                                          "pbc_1/rec2/c_0123456789.txt"});
  auto objects = storage.list_objects("");  // the whole bucket, as the orphan sweep lists it
  if (!objects.ok()) FAIL(objects.error().message);
  REQUIRE(objects->size() == 3);
  CHECK((*objects)[0].key == "pbc_1/rec1/a_0123456789.bin");
  CHECK((*objects)[0].size == binary.size());
  const auto now = std::chrono::system_clock::now();
  CHECK((*objects)[0].modified > now - std::chrono::minutes(5));
  CHECK((*objects)[0].modified < now + std::chrono::minutes(5));
  REQUIRE(storage.remove("pbc_1/rec2/c_0123456789.txt").ok());
  REQUIRE(storage.remove("pbc_1/rec2/c_0123456789.txt").ok());  // gone already: fine
  REQUIRE(storage.remove_prefix("pbc_1/rec1").ok());
  CHECK(storage.list("pbc_1")->empty());
  CHECK_FALSE(storage.put("../escape", "x").ok());
}

}  // namespace

TEST_SUITE("e2e s3 storage") {
  TEST_CASE("round trips through a real S3 server, path-style and virtual-host style") {
    fastcms::test::TempDir dir;
    auto s3 = fastcms::test::start_s3rver(dir / "s3");
    SUBCASE("path-style") {
      S3FileStorage storage(s3rver_options(s3->port(), true), fastcms::make_curl_http_client());
      exercise_s3_storage(storage);
    }
    SUBCASE("virtual-host style") {
      S3FileStorage storage(s3rver_options(s3->port(), false), fastcms::make_curl_http_client());
      CHECK(storage.url_of("pbc_1/r/a b.txt") == "http://fastcms.s3.localhost:" + std::to_string(s3->port()) + "/pbc_1/r/a%20b.txt");
      exercise_s3_storage(storage);
    }
  }

  TEST_CASE("a wrong access key or bucket, or no server, is an error naming S3's code and the settings to check") {
    fastcms::test::TempDir dir;
    auto s3 = fastcms::test::start_s3rver(dir / "s3");
    auto options = s3rver_options(s3->port(), true);
    // s3rver checks the access key but not SigV4 signatures; those are checked against
    // AWS's worked examples in tests/unit/aws_sigv4_test.cpp.
    options.access_key = "UNKNOWN";
    S3FileStorage wrong_key(options, fastcms::make_curl_http_client());
    auto put = wrong_key.put("pbc_1/r/a_0123456789.txt", "x");
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().message.find("InvalidAccessKeyId") != std::string::npos);
    CHECK(put.error().message.find("check the s3 settings") != std::string::npos);

    options = s3rver_options(s3->port(), true);
    options.bucket = "nope";
    S3FileStorage wrong_bucket(options, fastcms::make_curl_http_client());
    auto get = wrong_bucket.get("pbc_1/r/a_0123456789.txt");
    REQUIRE_FALSE(get.ok());
    CHECK(get.error().message.find("NoSuchBucket") != std::string::npos);

    S3FileStorage unreachable(s3rver_options(fastcms::test::free_tcp_port(), true), fastcms::make_curl_http_client());
    auto refused = unreachable.get("pbc_1/r/a_0123456789.txt");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("127.0.0.1") != std::string::npos);
  }
}
