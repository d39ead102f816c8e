#include "core/auth/auth_with_password.h"

#include <doctest/doctest.h>

#include <chrono>

#include "core/auth/authenticate.h"
#include "core/auth/identity_index.h"
#include "core/auth/jwt.h"
#include "support/auth_test_db.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::core::RequestContext;

constexpr const char* pw_secret = "project-secret-for-password-tests";

json pw_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "authRule": "verified = true",
     "fields": [{"name": "username", "type": "text"}],
     "indexes": ["CREATE UNIQUE INDEX idx_users_username ON users (username COLLATE NOCASE)"],
     "passwordAuth": {"enabled": true, "identityFields": ["email", "username"]}},
    {"name": "open", "type": "auth"},
    {"name": "locked", "type": "auth", "authRule": null},
    {"name": "by_context", "type": "auth", "authRule": "@request.context = 'password'"},
    {"name": "nopass", "type": "auth", "passwordAuth": {"enabled": false}},
    {"name": "nicks", "type": "auth", "fields": [{"name": "nick", "type": "text"}],
     "passwordAuth": {"identityFields": ["nick"]}},
    {"name": "_superusers", "type": "auth"},
    {"name": "posts", "type": "base"}
  ])J");
}

fastcms::core::ApiResult<auth::AuthResponse> pw_login(fastcms::test::AuthTestDb& t, const char* collection,
                                                      const json& body, const RequestContext& ctx = {}) {
  return auth::auth_with_password(t.db(), t.schema(), t.collection(collection), body, ctx, pw_secret);
}

json pw_error(const fastcms::core::ApiResult<auth::AuthResponse>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().to_json();
}

const json failed_to_authenticate = {{"status", 400}, {"message", "Failed to authenticate."}, {"data", json::object()}};
}  // namespace

TEST_SUITE("auth with password") {
  TEST_CASE("a good login returns a refreshable token for the full record") {
    fastcms::test::AuthTestDb t(pw_collections());
    json user = t.insert(
        "users",
        {{"email", "alice@example.com"}, {"username", "alice"}, {"password", "secret123"}, {"verified", true}});
    auto r = pw_login(t, "users", {{"identity", "alice@example.com"}, {"password", "secret123"}});
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK(r->record == user);
    CHECK(r->collection == &t.collection("users"));
    auto who = auth::authenticate(t.db(), t.schema(), r->token, pw_secret);
    if (!who.ok()) FAIL(who.error().message);
    CHECK(who->record["id"] == user["id"]);
    CHECK(who->claims["refreshable"] == true);
  }

  TEST_CASE("identities: email first, then the other identity fields, through their unique index") {
    fastcms::test::AuthTestDb t(pw_collections());
    json user = t.insert(
        "users",
        {{"email", "alice@example.com"}, {"username", "Alice"}, {"password", "secret123"}, {"verified", true}});
    // The username index is COLLATE NOCASE: any case matches; email is case-sensitive.
    CHECK(pw_login(t, "users", {{"identity", "alice"}, {"password", "secret123"}}).ok());
    CHECK(pw_login(t, "users", {{"identity", "ALICE"}, {"password", "secret123"}}).ok());
    CHECK(pw_error(pw_login(t, "users", {{"identity", "ALICE@example.com"}, {"password", "secret123"}})) ==
          failed_to_authenticate);
    CHECK(pw_login(t, "users", {{"identity", "Alice"}, {"password", "secret123"}, {"identityField", "username"}}).ok());
    CHECK(pw_error(
              pw_login(t, "users", {{"identity", "Alice"}, {"password", "secret123"}, {"identityField", "email"}})) ==
          failed_to_authenticate);
    // An email-looking username is still found when no email matches it.
    json other = t.insert("users", {{"email", "bob@example.com"},
                                    {"username", "bob@home.example"},
                                    {"password", "secret123"},
                                    {"verified", true}});
    auto r = pw_login(t, "users", {{"identity", "bob@home.example"}, {"password", "secret123"}});
    REQUIRE(r.ok());
    CHECK(r->record["id"] == other["id"]);
  }

  TEST_CASE("a wrong password and an unknown identity give the same answer") {
    fastcms::test::AuthTestDb t(pw_collections());
    t.insert("users",
             {{"email", "alice@example.com"}, {"username", "alice"}, {"password", "secret123"}, {"verified", true}});
    t.insert("users", {{"email", "nopw@example.com"}, {"username", "nopw"}, {"verified", true}});
    CHECK(pw_error(pw_login(t, "users", {{"identity", "alice@example.com"}, {"password", "wrong-password"}})) ==
          failed_to_authenticate);
    CHECK(pw_error(pw_login(t, "users", {{"identity", "nobody@example.com"}, {"password", "secret123"}})) ==
          failed_to_authenticate);
    CHECK(pw_error(pw_login(t, "users", {{"identity", "nobody"}, {"password", "secret123"}})) ==
          failed_to_authenticate);
    // A record without a password (e.g. created through OAuth2) cannot log in with one.
    CHECK(pw_error(pw_login(t, "users", {{"identity", "nopw@example.com"}, {"password", "x"}})) ==
          failed_to_authenticate);
  }

  TEST_CASE("an unknown identity costs the same bcrypt work as a wrong password") {
    fastcms::test::AuthTestDb t(pw_collections());
    json user = t.insert("open", {{"email", "alice@example.com"}});
    auto hash = auth::hash_password("secret123", auth::default_bcrypt_cost);
    REQUIRE(hash.ok());
    t.set("open", user["id"].get<std::string>(), "password", *hash);
    auto timed = [&](const char* identity) {
      auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < 3; ++i)
        CHECK(pw_error(pw_login(t, "open", {{"identity", identity}, {"password", "wrong-password"}})) ==
              failed_to_authenticate);
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    timed("nobody@example.com");  // makes the cached dummy hash
    double wrong_password = timed("alice@example.com");
    double unknown = timed("nobody@example.com");
    // Without the dummy check the unknown identity would answer in well under 1% of the time.
    CHECK(unknown > 0.3 * wrong_password);
  }

  TEST_CASE("the form is validated as PocketBase does") {
    fastcms::test::AuthTestDb t(pw_collections());
    json missing = pw_error(pw_login(t, "users", json::object()));
    CHECK(missing == json{{"status", 400},
                          {"message", "An error occurred while validating the submitted data."},
                          {"data",
                           {{"identity", {{"code", "validation_required"}, {"message", "Cannot be blank."}}},
                            {"password", {{"code", "validation_required"}, {"message", "Cannot be blank."}}}}}});
    json too_long = pw_error(pw_login(t, "users", {{"identity", std::string(256, 'a')}, {"password", "x"}}));
    CHECK(too_long["data"] == json{{"identity",
                                    {{"code", "validation_length_out_of_range"},
                                     {"message", "The length must be between 1 and 255."},
                                     {"params", {{"min", 1}, {"max", 255}}}}}});
    json bad_field =
        pw_error(pw_login(t, "users", {{"identity", "a"}, {"password", "x"}, {"identityField", "password"}}));
    CHECK(bad_field["message"] == "An error occurred while validating the submitted data.");
    CHECK(bad_field["data"] ==
          json{{"identityField", {{"code", "validation_in_invalid"}, {"message", "Must be a valid value."}}}});

    json loading = {
        {"status", 400}, {"message", "An error occurred while loading the submitted data."}, {"data", json::object()}};
    CHECK(pw_error(pw_login(t, "users", {{"identity", 12}, {"password", "x"}})) == loading);
    CHECK(pw_error(pw_login(t, "users", json::array())) == loading);
    CHECK(pw_error(pw_login(t, "users", nullptr)) == loading);
  }

  TEST_CASE("collection-level refusals: non-auth, password auth disabled") {
    fastcms::test::AuthTestDb t(pw_collections());
    CHECK(pw_error(pw_login(t, "posts", {{"identity", "a"}, {"password", "b"}})) ==
          json{{"status", 404}, {"message", "Missing or invalid auth collection context."}, {"data", json::object()}});
    CHECK(pw_error(pw_login(t, "nopass", {{"identity", "a"}, {"password", "b"}})) ==
          json{{"status", 403},
               {"message", "The collection is not configured to allow password authentication."},
               {"data", json::object()}});
  }

  TEST_CASE("the authRule is applied after the password check") {
    fastcms::test::AuthTestDb t(pw_collections());
    const json refused = {{"status", 403},
                          {"message", "The request doesn't satisfy the collection requirements to authenticate."},
                          {"data", json::object()}};
    t.insert("users", {{"email", "new@example.com"}, {"username", "new"}, {"password", "secret123"}});
    // verified = true: an unverified user with the right password is refused; a wrong password is still 400.
    CHECK(pw_error(pw_login(t, "users", {{"identity", "new@example.com"}, {"password", "secret123"}})) == refused);
    CHECK(pw_error(pw_login(t, "users", {{"identity", "new@example.com"}, {"password", "nope"}})) ==
          failed_to_authenticate);

    // authRule null: nobody authenticates, except on a superuser's request (rules are bypassed).
    t.insert("locked", {{"email", "l@example.com"}, {"password", "secret123"}});
    CHECK(pw_error(pw_login(t, "locked", {{"identity", "l@example.com"}, {"password", "secret123"}})) == refused);
    json root = t.insert("_superusers", {{"email", "root@example.com"}});
    RequestContext superuser;
    auth::attach_auth(superuser, root, t.collection("_superusers"));
    CHECK(pw_login(t, "locked", {{"identity", "l@example.com"}, {"password", "secret123"}}, superuser).ok());

    // authRule omitted: PocketBase's default "" lets everyone in.
    t.insert("open", {{"email", "o@example.com"}, {"password", "secret123"}});
    CHECK(pw_login(t, "open", {{"identity", "o@example.com"}, {"password", "secret123"}}).ok());

    // The rule sees @request.context = "password".
    t.insert("by_context", {{"email", "c@example.com"}, {"password", "secret123"}});
    CHECK(pw_login(t, "by_context", {{"identity", "c@example.com"}, {"password", "secret123"}}).ok());
  }

  TEST_CASE("an identity field without a unique index cannot identify anyone") {
    fastcms::test::AuthTestDb t(pw_collections());
    t.insert("nicks", {{"email", "n@example.com"}, {"nick", "bob"}, {"password", "secret123"}});
    auto r = pw_login(t, "nicks", {{"identity", "bob"}, {"password", "secret123"}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == 400);
    CHECK(r.error().to_json()["message"] == "Something went wrong while processing your request.");
  }

  TEST_CASE("identity_lookup reads single-column unique indexes") {
    auto collection = fastcms::core::collections::collection_from_json(json::parse(R"J({
      "name": "people", "type": "auth",
      "fields": [{"name": "handle", "type": "text"}, {"name": "code", "type": "text"},
                 {"name": "a", "type": "text"}, {"name": "b", "type": "text"}, {"name": "plain", "type": "text"}],
      "indexes": [
        "CREATE UNIQUE INDEX `idx_handle` ON `people` (`handle` COLLATE NOCASE)",
        "create unique index if not exists idx_code on people (code DESC) WHERE code != ''",
        "CREATE UNIQUE INDEX idx_ab ON people (a, b)",
        "CREATE INDEX idx_plain ON people (plain)",
        "CREATE UNIQUE INDEX idx_lower ON people (lower(b))"
      ]})J"));
    REQUIRE(collection.ok());
    auto handle = auth::identity_lookup(*collection, "handle");
    REQUIRE(handle.has_value());
    CHECK(handle->ignore_case);
    auto code = auth::identity_lookup(*collection, "code");
    REQUIRE(code.has_value());
    CHECK_FALSE(code->ignore_case);
    CHECK_FALSE(auth::identity_lookup(*collection, "a").has_value());
    CHECK_FALSE(auth::identity_lookup(*collection, "b").has_value());
    CHECK_FALSE(auth::identity_lookup(*collection, "plain").has_value());
    CHECK_FALSE(auth::identity_lookup(*collection, "missing").has_value());
    auto email = auth::identity_lookup(*collection, "email");
    REQUIRE(email.has_value());
    CHECK_FALSE(email->ignore_case);
  }
}
