#include "core/auth/auth_refresh.h"

#include <doctest/doctest.h>

#include "core/auth/authenticate.h"
#include "core/auth/impersonate.h"
#include "core/auth/jwt.h"
#include "core/auth/record_token.h"
#include "support/auth_test_db.h"

namespace {
using nlohmann::json;
using namespace std::chrono;
namespace auth = fastcms::core::auth;
using fastcms::core::RequestContext;

constexpr const char* refresh_secret = "project-secret-for-refresh-tests";

json refresh_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "authRule": "verified = true",
     "fields": [{"name": "nickname", "type": "text"}]},
    {"name": "staff", "type": "auth"},
    {"name": "locked", "type": "auth", "authRule": null},
    {"name": "_superusers", "type": "auth"},
    {"name": "posts", "type": "base"}
  ])J");
}

/// The request context of the Authorization header `header`, as the HTTP layer builds it.
RequestContext refresh_ctx(fastcms::test::AuthTestDb& t, const std::string& header) {
  RequestContext ctx;
  auto who = auth::authenticate(t.db(), t.schema(), header, refresh_secret);
  if (who.ok()) auth::attach_auth(ctx, who->record, *who->collection);
  return ctx;
}

std::string refresh_token_for(fastcms::test::AuthTestDb& t, const char* collection, const json& record,
                              auth::TokenOptions options = {}) {
  auto token = auth::issue_token(t.collection(collection), record, auth::TokenKind::auth, refresh_secret, options);
  if (!token.ok()) FAIL(token.error().message);
  return *token;
}

fastcms::core::ApiResult<auth::AuthResponse> do_refresh(fastcms::test::AuthTestDb& t, const char* collection,
                                                        const std::string& header) {
  return auth::auth_refresh(t.db(), t.schema(), t.collection(collection), refresh_ctx(t, header), header,
                            refresh_secret);
}

json refresh_error(const fastcms::core::ApiResult<auth::AuthResponse>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().to_json();
}

const json auth_rule_refused = {{"status", 403},
                                {"message", "The request doesn't satisfy the collection requirements to authenticate."},
                                {"data", json::object()}};
}  // namespace

TEST_SUITE("auth refresh") {
  TEST_CASE("a refreshable token is replaced by a new one and the record re-read") {
    fastcms::test::AuthTestDb t(refresh_collections());
    json user = t.insert("users", {{"email", "a@example.com"}, {"verified", true}, {"nickname", "before"}});
    auth::TokenOptions earlier;
    earlier.now = system_clock::now() - seconds(100);
    std::string old_token = refresh_token_for(t, "users", user, earlier);
    t.set("users", user["id"].get<std::string>(), "nickname", "after");

    auto r = do_refresh(t, "users", "Bearer " + old_token);
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK(r->token != old_token);
    CHECK(r->record["nickname"] == "after");
    CHECK(r->record.contains("tokenKey"));  // the full record; the HTTP layer presents it
    auto claims = auth::peek_claims(r->token);
    REQUIRE(claims.ok());
    CHECK((*claims)["refreshable"] == true);
    CHECK((*claims)["exp"].get<long long>() > auth::peek_claims(old_token)->at("exp").get<long long>());
    CHECK(auth::authenticate(t.db(), t.schema(), r->token, refresh_secret).ok());
  }

  TEST_CASE("a non-refreshable (impersonation) token is echoed back") {
    fastcms::test::AuthTestDb t(refresh_collections());
    json user = t.insert("users", {{"email", "a@example.com"}, {"verified", true}});
    auth::TokenOptions fixed;
    fixed.refreshable = false;
    std::string token = refresh_token_for(t, "users", user, fixed);
    auto r = do_refresh(t, "users", token);
    REQUIRE(r.ok());
    CHECK(r->token == token);
  }

  TEST_CASE("guests, other collections, vanished records and the authRule") {
    fastcms::test::AuthTestDb t(refresh_collections());
    json user = t.insert("users", {{"email", "a@example.com"}, {"verified", true}});
    json staff = t.insert("staff", {{"email", "s@example.com"}});

    CHECK(refresh_error(do_refresh(t, "users", "")) ==
          json{{"status", 401},
               {"message", "The request requires valid record authorization token."},
               {"data", json::object()}});
    CHECK(refresh_error(do_refresh(t, "users", "garbage")) ==
          json{{"status", 401},
               {"message", "The request requires valid record authorization token."},
               {"data", json::object()}});
    CHECK(refresh_error(do_refresh(t, "users", refresh_token_for(t, "staff", staff))) ==
          json{{"status", 403},
               {"message", "The request requires auth record from staff collection."},
               {"data", json::object()}});
    CHECK(refresh_error(do_refresh(t, "posts", refresh_token_for(t, "users", user)))["status"] == 403);

    // The authRule is checked again: a user who no longer satisfies it cannot refresh.
    std::string token = refresh_token_for(t, "users", user);
    RequestContext ctx = refresh_ctx(t, token);
    t.set("users", user["id"].get<std::string>(), "verified", false);
    CHECK(refresh_error(auth::auth_refresh(t.db(), t.schema(), t.collection("users"), ctx, token, refresh_secret)) ==
          auth_rule_refused);

    // The record was deleted after the request was authenticated.
    REQUIRE(t.db().exec("DELETE FROM users WHERE id = ?1", {user["id"].get<std::string>()}).ok());
    CHECK(refresh_error(auth::auth_refresh(t.db(), t.schema(), t.collection("users"), ctx, token, refresh_secret)) ==
          json{{"status", 404}, {"message", "Missing auth record context."}, {"data", json::object()}});
  }
}

TEST_SUITE("auth impersonate") {
  TEST_CASE("superusers get a non-refreshable token for any auth record") {
    fastcms::test::AuthTestDb t(refresh_collections());
    json root = t.insert("_superusers", {{"email", "root@example.com"}});
    json user = t.insert("users", {{"email", "a@example.com"}});  // unverified: authRule bypassed for superusers
    RequestContext superuser = refresh_ctx(t, refresh_token_for(t, "_superusers", root));
    REQUIRE(superuser.is_superuser());

    long long now = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    auto r = auth::impersonate(t.db(), t.schema(), t.collection("users"), user["id"].get<std::string>(), nullptr,
                               superuser, refresh_secret);
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK(r->record == user);
    auto claims = auth::peek_claims(r->token);
    REQUIRE(claims.ok());
    CHECK((*claims)["refreshable"] == false);
    CHECK((*claims)["id"] == user["id"]);
    CHECK((*claims)["exp"].get<long long>() - now >= 432000 - 5);
    CHECK((*claims)["exp"].get<long long>() - now <= 432000 + 5);
    // The token authenticates as the user, and auth-refresh echoes it back.
    auto who = auth::authenticate(t.db(), t.schema(), r->token, refresh_secret);
    REQUIRE(who.ok());
    CHECK(who->record["id"] == user["id"]);

    auto custom = auth::impersonate(t.db(), t.schema(), t.collection("users"), user["id"].get<std::string>(),
                                    {{"duration", 60}}, superuser, refresh_secret);
    REQUIRE(custom.ok());
    long long exp = auth::peek_claims(custom->token)->at("exp").get<long long>();
    CHECK(exp - now >= 59);
    CHECK(exp - now <= 65);

    // A collection nobody may authenticate with: the superuser's request bypasses the authRule.
    json locked = t.insert("locked", {{"email", "l@example.com"}});
    CHECK(auth::impersonate(t.db(), t.schema(), t.collection("locked"), locked["id"].get<std::string>(), json::object(),
                            superuser, refresh_secret)
              .ok());
    // System callers (CLI) may impersonate too.
    CHECK(auth::impersonate(t.db(), t.schema(), t.collection("users"), user["id"].get<std::string>(), json::object(),
                            RequestContext::system(), refresh_secret)
              .ok());
  }

  TEST_CASE("refusals") {
    fastcms::test::AuthTestDb t(refresh_collections());
    json root = t.insert("_superusers", {{"email", "root@example.com"}});
    json user = t.insert("users", {{"email", "a@example.com"}, {"verified", true}});
    RequestContext superuser = refresh_ctx(t, refresh_token_for(t, "_superusers", root));
    RequestContext regular = refresh_ctx(t, refresh_token_for(t, "users", user));
    std::string id = user["id"].get<std::string>();
    auto call = [&](const char* collection, const std::string& record_id, const json& body, const RequestContext& ctx) {
      auto r = auth::impersonate(t.db(), t.schema(), t.collection(collection), record_id, body, ctx, refresh_secret);
      REQUIRE_FALSE(r.ok());
      return r.error().to_json();
    };
    CHECK(call("users", id, nullptr, RequestContext{}) ==
          json{{"status", 401},
               {"message", "The request requires valid record authorization token."},
               {"data", json::object()}});
    CHECK(call("users", id, nullptr, regular) ==
          json{{"status", 403},
               {"message", "The authorized record is not allowed to perform this action."},
               {"data", json::object()}});
    CHECK(call("posts", id, nullptr, superuser) ==
          json{{"status", 404}, {"message", "Missing or invalid auth collection context."}, {"data", json::object()}});
    CHECK(call("users", "missing1234567a", nullptr, superuser) ==
          json{{"status", 404}, {"message", "The requested resource wasn't found."}, {"data", json::object()}});
    CHECK(call("users", id, {{"duration", -1}}, superuser) ==
          json{{"status", 400},
               {"message", "An error occurred while validating the submitted data."},
               {"data",
                {{"duration",
                  {{"code", "validation_min_greater_equal_than_required"},
                   {"message", "Must be no less than 0."},
                   {"params", {{"threshold", 0}}}}}}}});
    json loading = {
        {"status", 400}, {"message", "An error occurred while loading the submitted data."}, {"data", json::object()}};
    CHECK(call("users", id, {{"duration", "60"}}, superuser) == loading);
    CHECK(call("users", id, {{"duration", 1.5}}, superuser) == loading);
    CHECK(call("users", id, json::array(), superuser) == loading);
  }
}
