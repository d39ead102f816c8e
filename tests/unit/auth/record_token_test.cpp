#include "core/auth/record_token.h"

#include <doctest/doctest.h>

#include "common/hmac.h"
#include "core/auth/jwt.h"
#include "core/auth/token_settings.h"
#include "support/auth_test_db.h"

namespace {
using nlohmann::json;
using namespace std::chrono;
namespace auth = fastcms::core::auth;

constexpr const char* token_test_secret = "project-secret-for-token-tests";

json token_test_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth"},
    {"name": "members", "type": "auth",
     "authToken": {"secret": "declared-members-auth-secret-0123456789", "duration": 60},
     "fileToken": {"duration": 30}},
    {"name": "_superusers", "type": "auth"},
    {"name": "posts", "type": "base"}
  ])J");
}

json token_claims(const std::string& token) {
  auto claims = auth::peek_claims(token);
  if (!claims.ok()) FAIL(claims.error().message);
  return *claims;
}
}  // namespace

TEST_SUITE("auth record tokens") {
  TEST_CASE("auth tokens carry exactly PocketBase's claims and verify for their record") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& users = t.collection("users");
    json user = t.insert("users", {{"email", "a@example.com"}, {"password", "secret123"}});
    auto now = system_clock::now();
    auth::TokenOptions options;
    options.now = now;
    auto token = auth::issue_token(users, user, auth::TokenKind::auth, token_test_secret, options);
    if (!token.ok()) FAIL(token.error().message);

    json claims = token_claims(*token);
    long long now_s = duration_cast<seconds>(now.time_since_epoch()).count();
    CHECK(claims == json{{"exp", now_s + 432000},
                         {"id", user["id"]},
                         {"type", "auth"},
                         {"collectionId", users.id},
                         {"refreshable", true}});
    auto verified = auth::verify_token(*token, users, user, auth::TokenKind::auth, token_test_secret);
    if (!verified.ok()) FAIL(verified.error().message);
    CHECK((*verified)["id"] == user["id"]);
  }

  TEST_CASE("the key is tokenKey + the derived per-collection secret when none is declared") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& users = t.collection("users");
    json user = t.insert("users", {{"email", "a@example.com"}});
    auto token = auth::issue_token(users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE(token.ok());
    std::string derived = fastcms::hmac_sha256_hex(token_test_secret, users.id + ":auth");
    CHECK(auth::derived_token_secret(token_test_secret, users.id, auth::TokenKind::auth) == derived);
    CHECK(derived.size() == 64);
    CHECK(auth::verify_hs256(*token, user["tokenKey"].get<std::string>() + derived).ok());
    // A different project secret derives a different key.
    CHECK_FALSE(auth::verify_token(*token, users, user, auth::TokenKind::auth, "another-project-secret").ok());
  }

  TEST_CASE("a declared secret and duration are used") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& members = t.collection("members");
    json member = t.insert("members", {{"email", "m@example.com"}});
    auto now = system_clock::now();
    auth::TokenOptions options;
    options.now = now;
    auto token = auth::issue_token(members, member, auth::TokenKind::auth, token_test_secret, options);
    REQUIRE(token.ok());
    CHECK(auth::verify_hs256(*token, member["tokenKey"].get<std::string>() + "declared-members-auth-secret-0123456789")
              .ok());
    long long now_s = duration_cast<seconds>(now.time_since_epoch()).count();
    CHECK(token_claims(*token)["exp"] == now_s + 60);
    // Declared duration without a secret: derived secret, declared duration.
    auto file = auth::issue_token(members, member, auth::TokenKind::file, token_test_secret, options);
    REQUIRE(file.ok());
    CHECK(token_claims(*file)["exp"] == now_s + 30);
    // A declared secret needs no project secret.
    CHECK(auth::issue_token(members, member, auth::TokenKind::auth, "").ok());
    auto none = auth::issue_token(members, member, auth::TokenKind::file, "");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message.find("FASTCMS_SECRET") != std::string::npos);
  }

  TEST_CASE("default lifetimes per kind, superusers included") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& users = t.collection("users");
    const auto& superusers = t.collection("_superusers");
    CHECK(auth::default_token_duration(users, auth::TokenKind::auth) == seconds(432000));
    CHECK(auth::default_token_duration(superusers, auth::TokenKind::auth) == seconds(86400));
    CHECK(auth::default_token_duration(users, auth::TokenKind::file) == seconds(180));
    CHECK(auth::default_token_duration(users, auth::TokenKind::verification) == seconds(86400));
    CHECK(auth::default_token_duration(users, auth::TokenKind::password_reset) == seconds(1800));
    CHECK(auth::default_token_duration(users, auth::TokenKind::email_change) == seconds(1800));

    json admin = t.insert("_superusers", {{"email", "root@example.com"}});
    auto now = system_clock::now();
    auth::TokenOptions options;
    options.now = now;
    auto token = auth::issue_token(superusers, admin, auth::TokenKind::auth, token_test_secret, options);
    REQUIRE(token.ok());
    CHECK(token_claims(*token)["exp"] == duration_cast<seconds>(now.time_since_epoch()).count() + 86400);
  }

  TEST_CASE("each kind adds its own claims") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& users = t.collection("users");
    json user = t.insert("users", {{"email", "a@example.com"}});
    auto issue = [&](auth::TokenKind kind, auth::TokenOptions options = {}) {
      auto token = auth::issue_token(users, user, kind, token_test_secret, options);
      if (!token.ok()) FAIL(token.error().message);
      json claims = token_claims(*token);
      claims.erase("exp");
      return claims;
    };
    json base = {{"id", user["id"]}, {"collectionId", users.id}};
    json expected = base;
    expected["type"] = "file";
    CHECK(issue(auth::TokenKind::file) == expected);
    expected = base;
    expected["type"] = "verification";
    expected["email"] = "a@example.com";
    CHECK(issue(auth::TokenKind::verification) == expected);
    expected["type"] = "passwordReset";
    CHECK(issue(auth::TokenKind::password_reset) == expected);
    auth::TokenOptions change;
    change.new_email = "b@example.com";
    expected["type"] = "emailChange";
    expected["newEmail"] = "b@example.com";
    CHECK(issue(auth::TokenKind::email_change, change) == expected);
    auth::TokenOptions static_token;
    static_token.refreshable = false;
    CHECK(issue(auth::TokenKind::auth, static_token)["refreshable"] == false);
  }

  TEST_CASE("tampered, expired, wrong-kind, other-record and other-collection tokens are refused") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& users = t.collection("users");
    const auto& members = t.collection("members");
    json user = t.insert("users", {{"email", "a@example.com"}});
    json other = t.insert("users", {{"email", "b@example.com"}});
    json member = t.insert("members", {{"email", "a@example.com"}, {"tokenKey", user["tokenKey"]}});
    auto token = auth::issue_token(users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE(token.ok());

    std::string tampered = *token;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    auto r = auth::verify_token(tampered, users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "token signature does not match");

    auto late = auth::verify_token(*token, users, user, auth::TokenKind::auth, token_test_secret,
                                   system_clock::now() + seconds(432001));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().message == "token has expired");

    auto file = auth::issue_token(users, user, auth::TokenKind::file, token_test_secret);
    REQUIRE(file.ok());
    CHECK_FALSE(auth::verify_token(*file, users, user, auth::TokenKind::auth, token_test_secret).ok());

    // Another record with another tokenKey: the signature fails.
    CHECK_FALSE(auth::verify_token(*token, users, other, auth::TokenKind::auth, token_test_secret).ok());
    // Same tokenKey, other collection: the derived secret differs.
    CHECK_FALSE(auth::verify_token(*token, members, member, auth::TokenKind::auth, token_test_secret).ok());

    // Claims that name another record or collection are refused even when the key matches.
    std::string key = user["tokenKey"].get<std::string>() +
                      auth::derived_token_secret(token_test_secret, users.id, auth::TokenKind::auth);
    long long exp = duration_cast<seconds>(system_clock::now().time_since_epoch()).count() + 60;
    json claims = {{"exp", exp}, {"id", other["id"]}, {"type", "auth"}, {"collectionId", users.id}};
    auto wrong_id =
        auth::verify_token(auth::sign_hs256(claims, key), users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE_FALSE(wrong_id.ok());
    CHECK(wrong_id.error().message == "token was issued for another record");
    claims["id"] = user["id"];
    claims["collectionId"] = members.id;
    auto wrong_collection =
        auth::verify_token(auth::sign_hs256(claims, key), users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE_FALSE(wrong_collection.ok());
    CHECK(wrong_collection.error().message == "token was issued for another collection");
    claims["collectionId"] = users.id;
    claims["type"] = "file";
    auto wrong_type =
        auth::verify_token(auth::sign_hs256(claims, key), users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.error().message == "token type is \"file\", expected \"auth\"");
    claims["type"] = "auth";
    claims.erase("exp");
    auto no_exp =
        auth::verify_token(auth::sign_hs256(claims, key), users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE_FALSE(no_exp.ok());
    CHECK(no_exp.error().message == "token has no exp claim");
  }

  TEST_CASE("a new tokenKey (password change) invalidates earlier tokens") {
    fastcms::test::AuthTestDb t(token_test_collections());
    const auto& users = t.collection("users");
    json user = t.insert("users", {{"email", "a@example.com"}});
    auto token = auth::issue_token(users, user, auth::TokenKind::auth, token_test_secret);
    REQUIRE(token.ok());
    t.set("users", user["id"].get<std::string>(), "tokenKey", fastcms::random::token(50));
    json reloaded = t.load("users", user["id"].get<std::string>());
    CHECK_FALSE(auth::verify_token(*token, users, reloaded, auth::TokenKind::auth, token_test_secret).ok());
    auto fresh = auth::issue_token(users, reloaded, auth::TokenKind::auth, token_test_secret);
    REQUIRE(fresh.ok());
    CHECK(auth::verify_token(*fresh, users, reloaded, auth::TokenKind::auth, token_test_secret).ok());
  }

  TEST_CASE("tokens need an auth collection and a record with id and tokenKey") {
    fastcms::test::AuthTestDb t(token_test_collections());
    json post = t.insert("posts", {});
    auto r = auth::issue_token(t.collection("posts"), post, auth::TokenKind::auth, token_test_secret);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "collection \"posts\" is not an auth collection");
    json keyless = {{"id", "abc"}, {"tokenKey", ""}};
    CHECK_FALSE(auth::issue_token(t.collection("users"), keyless, auth::TokenKind::auth, token_test_secret).ok());
  }

  TEST_CASE("kind names round-trip") {
    for (auto kind : {auth::TokenKind::auth, auth::TokenKind::file, auth::TokenKind::verification,
                      auth::TokenKind::password_reset, auth::TokenKind::email_change})
      CHECK(auth::token_kind_from_name(auth::token_kind_name(kind)) == kind);
    CHECK(auth::token_kind_name(auth::TokenKind::password_reset) == "passwordReset");
    CHECK(auth::token_kind_name(auth::TokenKind::email_change) == "emailChange");
    CHECK_FALSE(auth::token_kind_from_name("admin").has_value());
  }
}
