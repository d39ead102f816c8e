// GET /api/files/...: who may read which file (public, protected with a file token, 404 for
// the rest) and how it is sent (type, ETag/304, ranges, disposition, sandbox headers).
#include <doctest/doctest.h>

#include "core/auth/record_token.h"
#include "core/files/file_access.h"
#include "support/app_test_env.h"

namespace {

using fastcms::test::AppTestEnv;
using nlohmann::json;

const std::string files_png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(40, 'x');

json files_route_definitions(const std::string& docs_view_rule) {
  json definitions = json::parse(R"J([
    {"name": "users", "type": "auth", "fields": [], "viewRule": "", "listRule": ""},
    {"name": "docs", "type": "base", "viewRule": "owner = @request.auth.id", "listRule": null,
     "fields": [
       {"name": "owner", "type": "relation", "collectionId": "users", "maxSelect": 1},
       {"name": "cover", "type": "file", "maxSelect": 1},
       {"name": "secret", "type": "file", "maxSelect": 2, "protected": true}]}
  ])J");
  definitions[1]["viewRule"] = docs_view_rule;
  return definitions;
}

/// A docs record whose file columns name stored files, as an upload would leave them.
struct FilesRouteFixture {
  explicit FilesRouteFixture(const std::string& docs_view_rule = "owner = @request.auth.id")
      : env(files_route_definitions(docs_view_rule)) {
    put_files();
  }

  AppTestEnv env;
  json alice = env.create("users", {{"email", "alice@example.com"}, {"password", "secret123"}, {"passwordConfirm", "secret123"}});
  json bob = env.create("users", {{"email", "bob@example.com"}, {"password", "secret123"}, {"passwordConfirm", "secret123"}});
  json doc = env.create("docs", {{"owner", alice["id"]}});
  std::string doc_id = doc["id"];

  void put_files() {
    const auto& docs = env.collection("docs");
    auto storage = env.app().file_storage();
    REQUIRE(storage->put(key("cover_abcdefghij.png"), files_png).ok());
    REQUIRE(storage->put(key("page_abcdefghij.html"), "<html><script>alert(1)</script></html>").ok());
    REQUIRE(storage->put(key("report_abcdefghij.pdf"), "%PDF-1.4 secret").ok());
    REQUIRE(env.db().exec("UPDATE docs SET cover = ?1, secret = ?2 WHERE id = ?3",
                          {std::string("cover_abcdefghij.png"),
                           std::string(R"(["report_abcdefghij.pdf","page_abcdefghij.html"])"), doc_id})
                .ok());
    (void)docs;
  }

  std::string key(const std::string& name) { return env.collection("docs").id + "/" + doc_id + "/" + name; }

  fastcms::http::ApiResponse get(const std::string& name, std::multimap<std::string, std::string> query = {},
                                 std::map<std::string, std::string> headers = {},
                                 const std::string& collection = "docs", std::string record = "") {
    fastcms::http::ApiRequest request;
    request.method = "GET";
    request.path = "/api/files/" + collection + "/" + (record.empty() ? doc_id : record) + "/" + name;
    request.query = std::move(query);
    request.headers = std::move(headers);
    return env.send(std::move(request));
  }

  std::string file_token(const std::string& collection, const json& record) {
    auto token = fastcms::core::auth::issue_token(env.collection(collection), record,
                                                  fastcms::core::auth::TokenKind::file, env.app().secret());
    if (!token.ok()) FAIL(token.error().message);
    return *token;
  }
};

/// A storage that fails every call, as an unreachable bucket would.
class BrokenFilesRouteStorage final : public fastcms::core::files::FileStorage {
 public:
  fastcms::Status put(std::string_view, std::string_view) override { return broken(); }
  fastcms::Result<std::optional<std::string>> get(std::string_view) const override { return broken(); }
  fastcms::Status remove(std::string_view) override { return broken(); }
  fastcms::Status remove_prefix(std::string_view) override { return broken(); }
  fastcms::Result<std::vector<std::string>> list(std::string_view) const override { return broken(); }
  fastcms::Result<std::vector<fastcms::core::files::StoredObject>> list_objects(std::string_view) const override {
    return broken();
  }

 private:
  static fastcms::Error broken() { return fastcms::Error::failure("S3 download failed: secret-bucket.example.com AccessDenied"); }
};

std::string files_header(const fastcms::http::ApiResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

}  // namespace

TEST_SUITE("http files route") {
  TEST_CASE("a public file: bytes, sniffed type, inline, cache and sandbox headers; ?download=1 attaches") {
    FilesRouteFixture f;
    auto r = f.get("cover_abcdefghij.png");
    REQUIRE(r.status == 200);
    REQUIRE(r.raw_body);
    CHECK(*r.raw_body == files_png);
    CHECK(r.content_type == "image/png");
    CHECK(files_header(r, "Content-Disposition") == "inline; filename=\"cover_abcdefghij.png\"");
    CHECK(files_header(r, "Cache-Control") == "max-age=2592000, stale-while-revalidate=86400");
    CHECK(files_header(r, "X-Content-Type-Options") == "nosniff");
    CHECK(files_header(r, "Content-Security-Policy").find("sandbox") != std::string::npos);
    CHECK(files_header(r, "Accept-Ranges") == "bytes");
    CHECK(files_header(r, "ETag").size() == 34);

    auto by_id = f.get("cover_abcdefghij.png", {}, {}, f.env.collection("docs").id);
    CHECK(by_id.status == 200);
    auto attached = f.get("cover_abcdefghij.png", {{"download", "1"}});
    CHECK(files_header(attached, "Content-Disposition") == "attachment; filename=\"cover_abcdefghij.png\"");
  }

  TEST_CASE("ETag and If-None-Match give 304; ranges give 206 or 416") {
    FilesRouteFixture f;
    std::string etag = files_header(f.get("cover_abcdefghij.png"), "ETag");
    auto cached = f.get("cover_abcdefghij.png", {}, {{"if-none-match", "\"other\", " + etag}});
    CHECK(cached.status == 304);
    CHECK(cached.raw_body->empty());
    CHECK(f.get("cover_abcdefghij.png", {}, {{"if-none-match", "\"other\""}}).status == 200);

    auto part = f.get("cover_abcdefghij.png", {}, {{"range", "bytes=1-3"}});
    REQUIRE(part.status == 206);
    CHECK(*part.raw_body == "PNG");
    CHECK(files_header(part, "Content-Range") == "bytes 1-3/" + std::to_string(files_png.size()));
    auto tail = f.get("cover_abcdefghij.png", {}, {{"range", "bytes=-2"}});
    CHECK(*tail.raw_body == "xx");
    auto stale = f.get("cover_abcdefghij.png", {}, {{"range", "bytes=1-3"}, {"if-range", "\"changed\""}});
    CHECK(stale.status == 200);
    auto past = f.get("cover_abcdefghij.png", {}, {{"range", "bytes=1000-"}});
    CHECK(past.status == 416);
    CHECK(files_header(past, "Content-Range") == "bytes */" + std::to_string(files_png.size()));
  }

  TEST_CASE("a protected file needs a file token for which the viewRule holds") {
    FilesRouteFixture f;
    CHECK(f.get("report_abcdefghij.pdf").status == 404);
    CHECK(f.get("report_abcdefghij.pdf", {{"token", "not-a-token"}}).status == 404);
    CHECK(f.get("report_abcdefghij.pdf", {{"token", f.file_token("users", f.bob)}}).status == 404);
    auto auth_token = fastcms::core::auth::issue_token(f.env.collection("users"), f.alice,
                                                       fastcms::core::auth::TokenKind::auth, f.env.app().secret());
    CHECK(f.get("report_abcdefghij.pdf", {{"token", *auth_token}}).status == 404);

    auto mine = f.get("report_abcdefghij.pdf", {{"token", f.file_token("users", f.alice)}});
    REQUIRE(mine.status == 200);
    CHECK(*mine.raw_body == "%PDF-1.4 secret");
    CHECK(files_header(mine, "Cache-Control") == "private, no-store");

    json root = f.env.create("_superusers", {{"email", "root@example.com"}, {"password", "secret1234"},
                                             {"passwordConfirm", "secret1234"}});
    CHECK(f.get("report_abcdefghij.pdf", {{"token", f.file_token("_superusers", root)}}).status == 200);
  }

  TEST_CASE("the viewRule of a protected file sees the request's headers and query, with the token's auth") {
    FilesRouteFixture f("owner = @request.auth.id && @request.query.room = 'blue'");
    std::string token = f.file_token("users", f.alice);
    CHECK(f.get("report_abcdefghij.pdf", {{"token", token}}).status == 404);
    CHECK(f.get("report_abcdefghij.pdf", {{"token", token}, {"room", "blue"}}).status == 200);
  }

  TEST_CASE("a failing storage is the same 404, without its details") {
    FilesRouteFixture f;
    f.env.app().set_file_storage(std::make_shared<BrokenFilesRouteStorage>());
    auto r = f.get("cover_abcdefghij.png");
    CHECK(r.status == 404);
    CHECK(r.body.dump().find("secret-bucket") == std::string::npos);
    CHECK(f.get("cover_abcdefghij.png", {{"thumb", "100x100"}}).status == 404);
  }

  TEST_CASE("names made by PocketBase (upper-case extensions) download too") {
    FilesRouteFixture f;
    REQUIRE(f.env.app().file_storage()->put(f.key("photo_ab12cd34ef.JPG"), "jpeg bytes").ok());
    REQUIRE(f.env.db().exec("UPDATE docs SET cover = ?1 WHERE id = ?2", {std::string("photo_ab12cd34ef.JPG"), f.doc_id}).ok());
    auto r = f.get("photo_ab12cd34ef.JPG");
    CHECK(r.status == 200);
    CHECK(*r.raw_body == "jpeg bytes");
  }

  TEST_CASE("uploaded HTML is never rendered inline on our origin") {
    FilesRouteFixture f;
    auto r = f.get("page_abcdefghij.html", {{"token", f.file_token("users", f.alice)}});
    REQUIRE(r.status == 200);
    CHECK(r.content_type.rfind("text/html", 0) == 0);
    CHECK(files_header(r, "Content-Disposition").rfind("attachment;", 0) == 0);
    CHECK(files_header(r, "Content-Security-Policy").find("sandbox") != std::string::npos);
  }

  TEST_CASE("anything not a file of that record is the same 404") {
    FilesRouteFixture f;
    CHECK(f.get("other_abcdefghij.png").status == 404);              // not in the record
    CHECK(f.get("..%2F..%2Fdata.db").status == 404);                 // not a stored name
    CHECK(f.get("cover_abcdefghij.png", {}, {}, "nope").status == 404);
    CHECK(f.get("cover_abcdefghij.png", {}, {}, "docs", "missingrecord00").status == 404);
    CHECK(f.get("cover_abcdefghij.png", {}, {}, "users", f.alice["id"]).status == 404);
    REQUIRE(f.env.app().file_storage()->remove(f.key("cover_abcdefghij.png")).ok());
    auto gone = f.get("cover_abcdefghij.png");
    CHECK(gone.status == 404);
    CHECK(gone.body["message"] == "The requested resource wasn't found.");
  }
}
