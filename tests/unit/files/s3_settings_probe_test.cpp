#include <doctest/doctest.h>

#include <map>
#include <mutex>

#include "common/datetime.h"
#include "core/files/s3_file_storage.h"
#include "core/files/s3_settings_probe.h"
#include "support/fake_http_client.h"

namespace {
using nlohmann::json;
namespace files = fastcms::core::files;

/// An in-memory path-style S3 bucket "b" at http://s3.test: PUT, GET, DELETE and
/// ListObjectsV2 (prefix only), enough for the storage and the settings probe.
class MemoryS3 final : public fastcms::HttpClient {
 public:
  fastcms::Result<fastcms::OutgoingResponse> send(const fastcms::OutgoingRequest& request) override {
    std::lock_guard lock(mutex_);
    const std::string bucket = "http://s3.test/b";
    if (request.url.rfind(bucket + "?", 0) == 0) return list(request.url.substr(bucket.size() + 1));
    if (request.url.rfind(bucket + "/", 0) != 0) return fastcms::Error::failure("unexpected url " + request.url);
    std::string rest = request.url.substr(bucket.size() + 1);
    if (request.method == "PUT") {
      objects_[rest] = request.body;
      return fastcms::OutgoingResponse{200, "", "application/xml"};
    }
    if (request.method == "DELETE") {
      objects_.erase(rest);
      return fastcms::OutgoingResponse{204, "", "application/xml"};
    }
    if (refuse_reads) return fastcms::OutgoingResponse{403, "<Error><Code>AccessDenied</Code></Error>", "application/xml"};
    auto it = objects_.find(rest);
    if (it == objects_.end()) return fastcms::OutgoingResponse{404, "<Error><Code>NoSuchKey</Code></Error>", "application/xml"};
    return fastcms::OutgoingResponse{200, it->second, "application/octet-stream"};
  }
  bool refuse_reads = false;  ///< GETs of objects answer 403 (a key allowed to write, not to read)

  std::size_t size() {
    std::lock_guard lock(mutex_);
    return objects_.size();
  }

 private:
  fastcms::OutgoingResponse list(const std::string& query) {
    std::string prefix;
    if (auto at = query.find("prefix="); at != std::string::npos) {
      prefix = query.substr(at + 7, query.find('&', at) == std::string::npos ? std::string::npos : query.find('&', at) - at - 7);
      for (size_t p = prefix.find("%2F"); p != std::string::npos; p = prefix.find("%2F")) prefix.replace(p, 3, "/");
    }
    std::string xml = "<ListBucketResult><IsTruncated>false</IsTruncated>";
    for (const auto& [key, body] : objects_)
      if (key.rfind(prefix, 0) == 0)
        xml += "<Contents><Key>" + key + "</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><Size>" +
               std::to_string(body.size()) + "</Size></Contents>";
    return {200, xml + "</ListBucketResult>", "application/xml"};
  }
  std::mutex mutex_;
  std::map<std::string, std::string> objects_;
};

json sp_settings(bool enabled) {
  return {{"s3", {{"enabled", enabled}, {"bucket", "b"}, {"region", "us-east-1"}, {"endpoint", "http://s3.test"},
                  {"accessKey", "key"}, {"secret", "secret"}, {"forcePathStyle", true}}}};
}

std::string sp_code(const fastcms::core::ApiStatus& r) {
  if (r.ok()) return "<ok>";
  CHECK(r.error().status == 400);
  CHECK(r.error().message == "Failed to test the S3 filesystem.");
  return r.error().data["filesystem"].value("code", std::string());
}

}  // namespace

TEST_SUITE("settings test/s3") {
  TEST_CASE("storage: a probe file is written, read back and removed") {
    auto s3 = std::make_shared<MemoryS3>();
    auto probed = files::probe_s3_settings(sp_settings(true), {{"filesystem", "storage"}}, s3);
    if (!probed.ok()) FAIL(probed.error().to_json().dump());
    CHECK(s3->size() == 0);
  }

  TEST_CASE("storage: the probe file is removed even when it cannot be read back") {
    auto s3 = std::make_shared<MemoryS3>();
    s3->refuse_reads = true;
    auto probed = files::probe_s3_settings(sp_settings(true), {{"filesystem", "storage"}}, s3);
    REQUIRE(sp_code(probed) == "validation_s3_failed");
    CHECK(probed.error().data["filesystem"]["message"].get<std::string>().find("AccessDenied") != std::string::npos);
    CHECK(s3->size() == 0);
  }

  TEST_CASE("failures: missing or unknown filesystem, S3 disabled, S3's own error, backups not supported") {
    auto s3 = std::make_shared<MemoryS3>();
    CHECK(sp_code(files::probe_s3_settings(sp_settings(true), json::object(), s3)) == "validation_required");
    CHECK(sp_code(files::probe_s3_settings(sp_settings(true), {{"filesystem", "other"}}, s3)) == "validation_in_invalid");
    CHECK(sp_code(files::probe_s3_settings(sp_settings(false), {{"filesystem", "storage"}}, s3)) == "validation_s3_disabled");
    auto backups = files::probe_s3_settings(sp_settings(true), {{"filesystem", "backups"}}, s3);
    CHECK(sp_code(backups) == "validation_unsupported");

    auto down = std::make_shared<fastcms::test::FakeHttpClient>();
    auto failed = files::probe_s3_settings(sp_settings(true), {{"filesystem", "storage"}}, down);
    REQUIRE(sp_code(failed) == "validation_s3_failed");
    CHECK(failed.error().data["filesystem"]["message"].get<std::string>().find("no answer") != std::string::npos);
  }

  TEST_CASE("S3 list_objects reads keys, sizes and modification times from ListObjectsV2") {
    auto s3 = std::make_shared<MemoryS3>();
    files::S3Options options{"http://s3.test", "b", "us-east-1", "key", "secret", true};
    files::S3FileStorage storage(options, s3);
    REQUIRE(storage.put("c/r/a.txt", "abc").ok());
    REQUIRE(storage.put("z.txt", "12345").ok());
    auto all = storage.list_objects("");
    if (!all.ok()) FAIL(all.error().message);
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].key == "c/r/a.txt");
    CHECK((*all)[0].size == 3);
    CHECK((*all)[0].modified == *fastcms::datetime::parse("2026-01-02 03:04:05.000Z"));
    auto under = storage.list_objects("c");
    REQUIRE(under.ok());
    CHECK(under->size() == 1);
    auto keys = storage.list("c");
    REQUIRE(keys.ok());
    CHECK(*keys == std::vector<std::string>{"c/r/a.txt"});
  }
}
