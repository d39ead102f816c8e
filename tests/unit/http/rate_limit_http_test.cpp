// The rate limits over real HTTP: the default settings limit auth-with-password per client
// IP and per account (429 + Retry-After), and a settings PATCH changes the limits live.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/app/app.h"
#include "core/auth/record_token.h"
#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/system_tables.h"
#include "core/records/record_write.h"
#include "core/settings/settings_store.h"
#include "http/app_server.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {

using nlohmann::json;
constexpr const char* limit_secret = "rate-limit-secret-rate-limit-secret-012345";

/// An App with a `users` auth collection holding ann@ and bob@example.com, a superuser,
/// the stored (default) settings, served on 127.0.0.1.
struct LimitServer {
  fastcms::test::TempDir dir;
  std::unique_ptr<fastcms::core::App> app;
  std::unique_ptr<fastcms::http::AppServer> server;
  std::string superuser_token;
  int port = 0;

  LimitServer() {
    app = std::make_unique<fastcms::core::App>(fastcms::test::open_test_sqlite(dir.path() / "app.db"),
                                               fastcms::core::App::Options{dir.path(), limit_secret, true});
    auto& db = app->db();
    if (auto st = fastcms::core::collections::ensure_system_tables(db); !st.ok()) FAIL(st.error().message);
    std::vector<json> definitions{{{"name", "users"}, {"type", "auth"}}};
    if (auto r = fastcms::core::collections::sync_collection_files(db, definitions); !r.ok()) FAIL(r.error().message);
    auto schema = fastcms::core::collections::load_schema(db);
    if (!schema.ok()) FAIL(schema.error().message);
    app->set_schema(*schema);
    auto settings = fastcms::core::settings::load_settings(db);
    if (!settings.ok()) FAIL(settings.error().message);
    app->set_settings(*settings);
    for (const char* email : {"ann@example.com", "bob@example.com"}) add_account("users", email);
    json root = add_account("_superusers", "root@example.com");
    auto token = fastcms::core::auth::issue_token(*app->schema()->find("_superusers"), root,
                                                  fastcms::core::auth::TokenKind::auth, limit_secret);
    if (!token.ok()) FAIL(token.error().message);
    superuser_token = *token;
    server = std::make_unique<fastcms::http::AppServer>(*app, fastcms::http::ServerOptions{});
    auto started = server->start("127.0.0.1", 0);
    if (!started.ok()) FAIL(started.error().message);
    port = *started;
  }
  ~LimitServer() { server->stop(); }

  json add_account(const char* collection, const char* email) {
    auto schema = app->schema();
    json body = {{"email", email}, {"password", "password123"}, {"passwordConfirm", "password123"}};
    auto created = fastcms::core::records::create_record(app->db(), *schema, *schema->find(collection),
                                                         fastcms::core::RequestContext::system(), body);
    if (!created.ok()) FAIL(created.error().describe());
    return *created;
  }

  httplib::Result sign_in(const std::string& identity, const std::string& forwarded_for = "") {
    httplib::Client client("127.0.0.1", port);
    httplib::Headers headers;
    if (!forwarded_for.empty()) headers.emplace("X-Forwarded-For", forwarded_for);
    json body = {{"identity", identity}, {"password", "wrong-password"}};
    return client.Post("/api/collections/users/auth-with-password", headers, body.dump(), "application/json");
  }

  httplib::Result patch_settings(const json& patch) {
    httplib::Client client("127.0.0.1", port);
    return client.Patch("/api/settings", {{"Authorization", superuser_token}}, patch.dump(), "application/json");
  }
};

void check_too_many(const httplib::Result& res) {
  REQUIRE(res);
  CHECK(res->status == 429);
  CHECK(json::parse(res->body) == json{{"status", 429}, {"message", "Too Many Requests."}, {"data", json::object()}});
  REQUIRE(res->has_header("Retry-After"));
  int retry = std::stoi(res->get_header_value("Retry-After"));
  CHECK(retry >= 1);
  CHECK(retry <= 300);
}

}  // namespace

TEST_SUITE("rate limits over HTTP") {
  TEST_CASE("by default one IP gets 60 auth calls a minute, then 429 with Retry-After") {
    LimitServer s;
    // Many accounts from one address: the per-identity windows (20) are never reached.
    for (int i = 0; i < 60; ++i) {
      auto res = s.sign_in("nobody" + std::to_string(i) + "@example.com");
      REQUIRE(res);
      REQUIRE_MESSAGE(res->status == 400, "call " << i << ": " << res->body);
    }
    check_too_many(s.sign_in("someone-else@example.com"));
    // Record routes are not limited by default.
    httplib::Client client("127.0.0.1", s.port);
    for (int i = 0; i < 100; ++i) REQUIRE(client.Get("/api/collections/users/records")->status != 429);
  }

  TEST_CASE("by default one account gets 20 sign-in attempts per 5 minutes, whatever the IP") {
    LimitServer s;
    auto trusted = s.patch_settings({{"trustedProxy", {{"headers", {"X-Forwarded-For"}}}}});
    REQUIRE(trusted);
    REQUIRE_MESSAGE(trusted->status == 200, trusted->body);
    for (int i = 0; i < 20; ++i) {
      auto res = s.sign_in("Ann@Example.com", "203.0.113." + std::to_string(i));
      REQUIRE(res);
      REQUIRE_MESSAGE(res->status == 400, "attempt " << i << ": " << res->body);
    }
    auto refused = s.sign_in("ann@example.com", "198.51.100.77");  // a new address, same account (any case)
    check_too_many(refused);
    CHECK(std::stoi(refused->get_header_value("Retry-After")) > 60);
    auto bob = s.sign_in("bob@example.com", "198.51.100.77");  // another account is not affected
    REQUIRE(bob);
    CHECK(bob->status == 400);
  }

  TEST_CASE("a settings PATCH changes the limits live") {
    LimitServer s;
    auto strict = s.patch_settings(
        {{"rateLimits", {{"enabled", true}, {"rules", {{{"label", "users:auth"}, {"duration", 30}, {"maxRequests", 2}}}}}}});
    REQUIRE(strict);
    REQUIRE_MESSAGE(strict->status == 200, strict->body);
    CHECK(s.sign_in("x1@example.com")->status == 400);
    CHECK(s.sign_in("x2@example.com")->status == 400);
    auto third = s.sign_in("x3@example.com");
    check_too_many(third);
    CHECK(std::stoi(third->get_header_value("Retry-After")) <= 30);

    auto off = s.patch_settings({{"rateLimits", {{"enabled", false}}}});
    REQUIRE(off);
    REQUIRE(off->status == 200);
    for (int i = 0; i < 5; ++i) CHECK(s.sign_in("x4@example.com")->status == 400);
  }

  TEST_CASE("batch sub-requests are counted too") {
    LimitServer s;
    auto configured = s.patch_settings(
        {{"batch", {{"enabled", true}}},
         {"rateLimits", {{"enabled", true}, {"rules", {{{"label", "*:create"}, {"duration", 60}, {"maxRequests", 1}}}}}}});
    REQUIRE(configured);
    REQUIRE_MESSAGE(configured->status == 200, configured->body);
    json one = {{"method", "POST"},
                {"url", "/api/collections/users/records"},
                {"body", {{"email", "new@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}}}};
    json two = one;
    two["body"]["email"] = "new2@example.com";
    httplib::Client client("127.0.0.1", s.port);
    auto res = client.Post("/api/batch", {{"Authorization", s.superuser_token}},
                           json{{"requests", {one, two}}}.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    auto body = json::parse(res->body);
    CHECK(body["data"]["requests"]["1"]["response"]["status"] == 429);
  }
}
