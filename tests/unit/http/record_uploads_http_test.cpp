#include <doctest/doctest.h>

#include <httplib.h>

#include "common/background_tasks.h"
#include "http/request_reader.h"
#include "support/app_test_env.h"

namespace {
using nlohmann::json;
using fastcms::test::AppTestEnv;

json ruh_collections() {
  return json::parse(R"J([
    {"name": "docs", "type": "base", "listRule": "", "viewRule": "", "createRule": "", "updateRule": "",
     "deleteRule": "",
     "fields": [{"name": "title", "type": "text", "required": true},
                {"name": "tags", "type": "json"},
                {"name": "documents", "type": "file", "maxSelect": 5}]}
  ])J");
}

std::string ruh_png() { return std::string("\x89PNG\r\n\x1a\n", 8) + "pixels"; }

/// A multipart request as cpp-httplib hands it over, read by the product's request reader.
struct MultipartRequest {
  httplib::Request raw;
  MultipartRequest(const std::string& method, const std::string& path) {
    raw.method = method;
    raw.path = path;
    raw.set_header("Content-Type", "multipart/form-data; boundary=x");
  }
  MultipartRequest& field(const std::string& name, const std::string& value) {
    raw.files.emplace(name, httplib::MultipartFormData{name, value, "", ""});
    return *this;
  }
  MultipartRequest& file(const std::string& name, const std::string& filename, const std::string& content,
                         const std::string& type = "application/octet-stream") {
    raw.files.emplace(name, httplib::MultipartFormData{name, content, filename, type});
    return *this;
  }
  fastcms::http::ApiRequest read() {
    auto request = fastcms::http::read_request(raw);
    if (!request.ok()) FAIL(request.error().message);
    return std::move(*request);
  }
};

/// The stored bytes, or "<missing>" (once the discarded files are removed).
std::string ruh_stored(AppTestEnv& env, const json& record, const std::string& name) {
  fastcms::background::wait_idle();
  auto got = env.app().file_storage()->get(env.collection("docs").id + "/" + record["id"].get<std::string>() + "/" + name);
  if (!got.ok()) FAIL(got.error().message);
  return *got ? **got : std::string("<missing>");
}

}  // namespace

TEST_SUITE("record uploads over HTTP") {
  TEST_CASE("a multipart create in the SDK's shape (form fields, @jsonPayload, files) stores the file") {
    AppTestEnv env(ruh_collections());
    MultipartRequest request("POST", "/api/collections/docs/records");
    request.field("title", "hello")
        .field("@jsonPayload", R"({"tags":["a","b"]})")
        .file("documents", "pic.png", ruh_png(), "image/png")
        .file("documents", "notes.txt", "some notes", "text/plain");
    auto response = env.send(request.read());
    REQUIRE_MESSAGE(response.status == 200, response.body.dump());
    CHECK(response.body["title"] == "hello");
    CHECK(response.body["tags"] == json({"a", "b"}));
    REQUIRE(response.body["documents"].size() == 2);
    CHECK(ruh_stored(env, response.body, response.body["documents"][0]) == ruh_png());
    CHECK(ruh_stored(env, response.body, response.body["documents"][1]) == "some notes");
    fastcms::http::ApiRequest download;  // what the upload stored is what the files route serves
    download.method = "GET";
    download.path = "/api/files/docs/" + response.body["id"].get<std::string>() + "/" +
                    response.body["documents"][0].get<std::string>();
    auto downloaded = env.send(std::move(download));
    REQUIRE(downloaded.status == 200);
    REQUIRE(downloaded.raw_body);
    CHECK(*downloaded.raw_body == ruh_png());
    CHECK(downloaded.content_type == "image/png");

    // An update in the SDK's mixed-array shape: a kept name as a form field plus a new file.
    MultipartRequest update("PATCH", "/api/collections/docs/records/" + response.body["id"].get<std::string>());
    update.field("documents", response.body["documents"][1]).file("documents", "new.txt", "new");
    auto updated = env.send(update.read());
    REQUIRE_MESSAGE(updated.status == 200, updated.body.dump());
    REQUIRE(updated.body["documents"].size() == 2);
    CHECK(updated.body["documents"][0] == response.body["documents"][1]);
    CHECK(ruh_stored(env, response.body, response.body["documents"][0]) == "<missing>");
    CHECK(ruh_stored(env, response.body, updated.body["documents"][1]) == "new");
  }

  TEST_CASE("a refused multipart create answers 400 with the data codes and stores nothing") {
    AppTestEnv env(ruh_collections());
    MultipartRequest request("POST", "/api/collections/docs/records");
    request.file("documents", "a.txt", "A").file("title", "t.txt", "T");
    auto response = env.send(request.read());
    CHECK(response.status == 400);
    CHECK(response.body["data"]["title"]["code"] == "validation_invalid_file");
    auto listed = env.app().file_storage()->list_objects("");
    REQUIRE(listed.ok());
    CHECK(listed->empty());
  }

  TEST_CASE("batch: files under requests.{i}.{field} and requests[i].field reach their sub-request") {
    AppTestEnv env(ruh_collections(), {{"batch", {{"enabled", true}}}});
    MultipartRequest request("POST", "/api/batch");
    request
        .field("@jsonPayload", R"({"requests":[
          {"method":"POST","url":"/api/collections/docs/records","body":{"title":"first"}},
          {"method":"POST","url":"/api/collections/docs/records","body":{"title":"second"}}]})")
        .file("requests.0.documents", "one.txt", "1")
        .file("requests[1].documents+", "two.txt", "2");
    auto response = env.send(request.read());
    REQUIRE_MESSAGE(response.status == 200, response.body.dump());
    const json first = response.body[0]["body"], second = response.body[1]["body"];
    REQUIRE(first["documents"].size() == 1);
    REQUIRE(second["documents"].size() == 1);
    CHECK(ruh_stored(env, first, first["documents"][0]) == "1");
    CHECK(ruh_stored(env, second, second["documents"][0]) == "2");
  }

  TEST_CASE("batch: a later failing request rolls back and removes the files earlier requests wrote") {
    AppTestEnv env(ruh_collections(), {{"batch", {{"enabled", true}}}});
    MultipartRequest request("POST", "/api/batch");
    request
        .field("@jsonPayload", R"({"requests":[
          {"method":"POST","url":"/api/collections/docs/records","body":{"title":"first"}},
          {"method":"POST","url":"/api/collections/docs/records","body":{}}]})")
        .file("requests.0.documents", "one.txt", "1");
    auto response = env.send(request.read());
    CHECK(response.status == 400);
    CHECK(response.body["data"]["requests"]["1"]["code"] == "batch_request_failed");
    auto listed = env.app().file_storage()->list_objects("");
    REQUIRE(listed.ok());
    CHECK(listed->empty());
    CHECK(env.db().query_value("SELECT count(*) FROM docs")->to_int64() == 0);
  }

  TEST_CASE("batch: deleting a record and creating one with the same id and a file keeps the new file") {
    AppTestEnv env(ruh_collections(), {{"batch", {{"enabled", true}}}});
    MultipartRequest create("POST", "/api/collections/docs/records");
    create.field("id", "reusedrecordid1").field("title", "old").file("documents", "old.txt", "OLD");
    auto created = env.send(create.read());
    REQUIRE_MESSAGE(created.status == 200, created.body.dump());
    MultipartRequest request("POST", "/api/batch");
    request
        .field("@jsonPayload", R"({"requests":[
          {"method":"DELETE","url":"/api/collections/docs/records/reusedrecordid1"},
          {"method":"POST","url":"/api/collections/docs/records","body":{"id":"reusedrecordid1","title":"new"}}]})")
        .file("requests.1.documents", "new.txt", "NEW");
    auto response = env.send(request.read());
    REQUIRE_MESSAGE(response.status == 200, response.body.dump());
    const json again = response.body[1]["body"];
    REQUIRE(again["documents"].size() == 1);
    CHECK(ruh_stored(env, again, again["documents"][0]) == "NEW");
    CHECK(ruh_stored(env, created.body, created.body["documents"][0]) == "<missing>");
  }

  TEST_CASE("settings test/s3 is for superusers only") {
    AppTestEnv env(ruh_collections());
    auto response = env.post("/api/settings/test/s3", {{"filesystem", "storage"}});
    CHECK(response.status == 401);
  }
}
