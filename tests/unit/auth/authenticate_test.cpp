#include "core/auth/authenticate.h"

#include <doctest/doctest.h>

#include "common/base64.h"
#include "core/auth/jwt.h"
#include "core/auth/record_token.h"
#include "core/auth/token_settings.h"
#include "support/auth_test_db.h"

namespace {
using nlohmann::json;
using namespace std::chrono;
namespace auth = fastcms::core::auth;

constexpr const char* authn_secret = "project-secret-for-authenticate-tests";

json authn_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "fields": [{"name": "nickname", "type": "text", "hidden": true}]},
    {"name": "staff", "type": "auth"},
    {"name": "posts", "type": "base"}
  ])J");
}

std::string authn_token(fastcms::test::AuthTestDb& t, const char* collection, const json& record,
                        auth::TokenKind kind = auth::TokenKind::auth) {
  auto token = auth::issue_token(t.collection(collection), record, kind, authn_secret);
  if (!token.ok()) FAIL(token.error().message);
  return *token;
}

std::string authn_failure(fastcms::test::AuthTestDb& t, std::string_view header) {
  auto r = auth::authenticate(t.db(), t.schema(), header, authn_secret);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}
}  // namespace

TEST_SUITE("auth authenticate") {
  TEST_CASE("a valid token, with or without Bearer, yields the full record and its collection") {
    fastcms::test::AuthTestDb t(authn_collections());
    json user = t.insert("users", {{"email", "a@example.com"}, {"password", "secret123"}, {"nickname", "al"}});
    std::string token = authn_token(t, "users", user);
    for (std::string header : {token, "Bearer " + token, "bearer " + token, "BEARER " + token}) {
      auto r = auth::authenticate(t.db(), t.schema(), header, authn_secret);
      if (!r.ok()) FAIL(r.error().message);
      CHECK(r->collection == &t.collection("users"));
      CHECK(r->record == user);
      CHECK(r->record["password"].get<std::string>().starts_with("$2b$"));
      CHECK(r->claims["refreshable"] == true);
    }
    CHECK(auth::token_from_authorization("Bearer abc") == "abc");
    CHECK(auth::token_from_authorization("abc") == "abc");
    CHECK(auth::token_from_authorization("Bearer ") == "Bearer ");
  }

  TEST_CASE("invalid tokens fail with a message that says why") {
    fastcms::test::AuthTestDb t(authn_collections());
    json user = t.insert("users", {{"email", "a@example.com"}});
    json staff = t.insert("staff", {{"email", "s@example.com"}});

    CHECK(authn_failure(t, "") == "missing token");
    CHECK(authn_failure(t, "Bearer ") == "token is not a JWT (expected three dot-separated parts)");
    CHECK(authn_failure(t, "not-a-token") == "token is not a JWT (expected three dot-separated parts)");
    CHECK(authn_failure(t, auth::sign_hs256({{"id", "x"}}, "k")) == "missing or invalid token claims");
    CHECK(authn_failure(t, authn_token(t, "users", user, auth::TokenKind::file)) ==
          "token type is \"file\", expected \"auth\"");

    json claims = {{"id", user["id"]}, {"type", "auth"}, {"collectionId", "pbc_unknown"}, {"exp", 9999999999LL}};
    CHECK(authn_failure(t, auth::sign_hs256(claims, "k")) == "token names an unknown collection \"pbc_unknown\"");
    claims["collectionId"] = "users";  // a name, not an id
    CHECK(authn_failure(t, auth::sign_hs256(claims, "k")) == "token names an unknown collection \"users\"");
    claims["collectionId"] = t.collection("posts").id;
    CHECK(authn_failure(t, auth::sign_hs256(claims, "k")) == "token names the non-auth collection \"posts\"");
    claims["collectionId"] = t.collection("users").id;
    claims["id"] = "missing1234567a";
    CHECK(authn_failure(t, auth::sign_hs256(claims, "k")) ==
          "token names record \"missing1234567a\", missing from collection \"users\"");

    // Forged: the right claims signed with a guessed key.
    claims["id"] = user["id"];
    CHECK(authn_failure(t, auth::sign_hs256(claims, "guess")) == "token signature does not match");

    // A staff token relabelled as a token of a users record: the signature no longer matches.
    std::string staff_token = authn_token(t, "staff", staff);
    REQUIRE(auth::authenticate(t.db(), t.schema(), staff_token, authn_secret).ok());
    auto staff_claims = auth::peek_claims(staff_token);
    REQUIRE(staff_claims.ok());
    (*staff_claims)["collectionId"] = t.collection("users").id;
    (*staff_claims)["id"] = user["id"];
    size_t first_dot = staff_token.find('.'), last_dot = staff_token.rfind('.');
    std::string relabelled = staff_token.substr(0, first_dot + 1) + fastcms::base64::url_encode(staff_claims->dump()) +
                             staff_token.substr(last_dot);
    CHECK(authn_failure(t, relabelled) == "token signature does not match");

    // Expired.
    std::string key = user["tokenKey"].get<std::string>() +
                      auth::derived_token_secret(authn_secret, t.collection("users").id, auth::TokenKind::auth);
    claims["exp"] = duration_cast<seconds>(system_clock::now().time_since_epoch()).count() - 1;
    CHECK(authn_failure(t, auth::sign_hs256(claims, key)) == "token has expired");
    claims["exp"] = duration_cast<seconds>(system_clock::now().time_since_epoch()).count() + 60;
    CHECK(auth::authenticate(t.db(), t.schema(), auth::sign_hs256(claims, key), authn_secret).ok());
  }

  TEST_CASE("a password change (new tokenKey) ends earlier tokens") {
    fastcms::test::AuthTestDb t(authn_collections());
    json user = t.insert("users", {{"email", "a@example.com"}});
    std::string token = authn_token(t, "users", user);
    REQUIRE(auth::authenticate(t.db(), t.schema(), token, authn_secret).ok());
    t.set("users", user["id"].get<std::string>(), "tokenKey", fastcms::random::token(50));
    CHECK(authn_failure(t, token) == "token signature does not match");
    std::string fresh = authn_token(t, "users", t.load("users", user["id"].get<std::string>()));
    CHECK(auth::authenticate(t.db(), t.schema(), fresh, authn_secret).ok());
  }

  TEST_CASE("a deleted record's token fails") {
    fastcms::test::AuthTestDb t(authn_collections());
    json user = t.insert("users", {{"email", "a@example.com"}});
    std::string token = authn_token(t, "users", user);
    REQUIRE(t.db().exec("DELETE FROM users WHERE id = ?1", {user["id"].get<std::string>()}).ok());
    CHECK(authn_failure(t, token).find("missing from collection \"users\"") != std::string::npos);
  }

  TEST_CASE("attach_auth fills the request context without password and tokenKey") {
    fastcms::test::AuthTestDb t(authn_collections());
    json user = t.insert("users", {{"email", "a@example.com"}, {"password", "secret123"}, {"nickname", "al"}});
    auto r = auth::authenticate(t.db(), t.schema(), authn_token(t, "users", user), authn_secret);
    REQUIRE(r.ok());
    fastcms::core::RequestContext ctx;
    CHECK(ctx.is_guest());
    auth::attach_auth(ctx, r->record, *r->collection);
    CHECK_FALSE(ctx.is_guest());
    CHECK_FALSE(ctx.is_superuser());
    CHECK(ctx.auth_id() == user["id"]);
    CHECK(ctx.info.auth_collection == &t.collection("users"));
    CHECK_FALSE(ctx.info.auth.contains("password"));
    CHECK_FALSE(ctx.info.auth.contains("tokenKey"));
    CHECK(ctx.info.auth["nickname"] == "al");  // hidden fields stay for rules
    CHECK(ctx.info.auth["email"] == "a@example.com");
  }
}
