#include <doctest/doctest.h>
#include <httplib.h>

#include "http/request_reader.h"
#include "http/router.h"

namespace {
using fastcms::http::ApiRequest;
using fastcms::http::ApiResponse;
using fastcms::http::Router;

ApiResponse answer_with(const char* name) { return ApiResponse::json({{"route", name}}); }

std::string routed(const Router& router, const char* method, const char* path) {
  auto m = router.match(method, path);
  if (auto* miss = std::get_if<Router::Miss>(&m)) return *miss == Router::Miss::not_found ? "404" : "405";
  ApiRequest req;
  req.path_params = std::get<Router::Match>(m).params;
  auto name = (*std::get<Router::Match>(m).handler)(req).body["route"].get<std::string>();
  for (const auto& [k, v] : req.path_params) name += " " + k + "=" + v;
  return name;
}

httplib::Request http_request(std::string method, std::string target, std::string content_type, std::string body) {
  httplib::Request req;
  req.method = std::move(method);
  req.target = target;
  req.path = target.substr(0, target.find('?'));
  if (!content_type.empty()) req.set_header("Content-Type", content_type);
  req.body = std::move(body);
  return req;
}
}  // namespace

TEST_SUITE("http router") {
  TEST_CASE("parameters, literal segments win, 404 and 405") {
    Router router;
    router.add("GET", "/api/collections/{collection}", [](ApiRequest&) { return answer_with("view"); });
    router.add("PUT", "/api/collections/import", [](ApiRequest&) { return answer_with("import"); });
    router.add("PATCH", "/api/collections/{collection}", [](ApiRequest&) { return answer_with("update"); });
    router.add("GET", "/api/collections/{collection}/records/{id}", [](ApiRequest&) { return answer_with("record"); });
    CHECK(routed(router, "GET", "/api/collections/posts") == "view collection=posts");
    CHECK(routed(router, "PUT", "/api/collections/import") == "import");
    CHECK(routed(router, "PATCH", "/api/collections/import") == "update collection=import");
    CHECK(routed(router, "GET", "/api/collections/posts/records/abc") == "record collection=posts id=abc");
    CHECK(routed(router, "HEAD", "/api/collections/posts") == "view collection=posts");
    CHECK(routed(router, "DELETE", "/api/collections/posts") == "405");
    CHECK(routed(router, "GET", "/api/collections/posts/records") == "404");
    CHECK(routed(router, "GET", "/api/other") == "404");
  }
}

TEST_SUITE("http request reader") {
  TEST_CASE("query from the URL only, headers lower-cased, JSON body") {
    auto req = http_request("POST", "/api/x?filter=a%3D1&sort=-created&sort=id", "application/json", R"({"a":1})");
    req.set_header("X-Custom-Header", "v");
    auto read = fastcms::http::read_request(req);
    if (!read.ok()) FAIL(read.error().message);
    CHECK(read->query_value("filter") == "a=1");
    CHECK(read->query.count("sort") == 2);
    CHECK(read->header("x-custom-header") == "v");
    CHECK(read->header("X-CUSTOM-HEADER") == "v");
    CHECK(read->body == nlohmann::json{{"a", 1}});
  }

  TEST_CASE("malformed and non-object JSON bodies are 400s that say what is wrong") {
    for (const char* body : {"{not json", "[1,2]", "\"text\""}) {
      auto raw = http_request("POST", "/api/x", "application/json", body);
      auto read = fastcms::http::read_request(raw);
      REQUIRE_FALSE(read.ok());
      CHECK(read.error().status == 400);
      CHECK(read.error().message.find("Failed to load the submitted data") == 0);
    }
    auto blank = http_request("POST", "/api/x", "application/json", "  ");
    auto empty = fastcms::http::read_request(blank);
    CHECK(empty.ok());
    auto csv = http_request("POST", "/api/x", "text/csv", "a,b");
    auto odd = fastcms::http::read_request(csv);
    REQUIRE_FALSE(odd.ok());
    CHECK(odd.error().message.find("text/csv") != std::string::npos);
  }

  TEST_CASE("multipart fields, repeated names and @jsonPayload") {
    auto req = http_request("POST", "/api/x", "multipart/form-data; boundary=x", "");
    req.files.emplace("title", httplib::MultipartFormData{"title", "Hello", "", ""});
    req.files.emplace("tags", httplib::MultipartFormData{"tags", "a", "", ""});
    req.files.emplace("tags", httplib::MultipartFormData{"tags", "b", "", ""});
    req.files.emplace("@jsonPayload", httplib::MultipartFormData{"@jsonPayload", R"({"meta":{"k":[1,2]},"n":3})", "", ""});
    req.files.emplace("cover", httplib::MultipartFormData{"cover", "PNGDATA", "a.png", "image/png"});
    auto read = fastcms::http::read_request(req);
    if (!read.ok()) FAIL(read.error().message);
    CHECK(read->body["title"] == "Hello");
    CHECK(read->body["tags"] == nlohmann::json::array({"a", "b"}));
    CHECK(read->body["meta"] == nlohmann::json{{"k", {1, 2}}});
    CHECK(read->body["n"] == 3);
    REQUIRE(read->files.size() == 1);
    CHECK(read->files[0].filename == "a.png");

    auto bad = http_request("POST", "/api/x", "multipart/form-data; boundary=x", "");
    bad.files.emplace("@jsonPayload", httplib::MultipartFormData{"@jsonPayload", "[1]", "", ""});
    CHECK_FALSE(fastcms::http::read_request(bad).ok());
  }
}
