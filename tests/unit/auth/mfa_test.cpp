#include "core/auth/mfa.h"

#include <doctest/doctest.h>

#include <chrono>

#include "common/datetime.h"
#include "core/auth/auth_with_password.h"
#include "core/auth/authenticate.h"
#include "core/auth/complete_auth.h"
#include "core/auth/totp_enrollments.h"
#include "core/auth/totp_collection.h"
#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "support/temp_dir.h"
#include "support/test_database.h"
#include "support/mfa_test_db.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::core::RequestContext;
using fastcms::test::MfaTestDb;

constexpr const char* mfa_secret = "project-secret-for-mfa-tests";

json mfa_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "mfa": {"enabled": true}},
    {"name": "ruled", "type": "auth", "fields": [{"name": "role", "type": "text"}],
     "mfa": {"enabled": true, "rule": "role = 'admin'"}},
    {"name": "by_context", "type": "auth", "mfa": {"enabled": true, "rule": "@request.context = 'password'"}},
    {"name": "broken_rule", "type": "auth", "mfa": {"enabled": true, "rule": "nope = 1"}},
    {"name": "plain", "type": "auth"},
    {"name": "short", "type": "auth", "mfa": {"enabled": true, "duration": 60}},
    {"name": "guarded", "type": "auth", "authRule": "verified = true", "mfa": {"enabled": true}},
    {"name": "_superusers", "type": "auth", "mfa": {"enabled": true}}
  ])J");
}

json mfa_user(MfaTestDb& t, const char* collection, const char* email, json extra = json::object()) {
  extra["email"] = email;
  extra["password"] = "secret123";
  return t.insert(collection, extra);
}

fastcms::core::ApiResult<auth::AuthResponse> mfa_login(MfaTestDb& t, const char* collection, const char* email,
                                                       const std::string& mfa_id = "",
                                                       const RequestContext& ctx = {}) {
  json body = {{"identity", email}, {"password", "secret123"}};
  if (!mfa_id.empty()) body["mfaId"] = mfa_id;
  return auth::auth_with_password(t.db(), t.schema(), t.collection(collection), body, ctx, mfa_secret);
}

/// The end of a sign-in by another method (as otp, oauth2… call it).
fastcms::core::ApiResult<auth::AuthResponse> mfa_finish(MfaTestDb& t, const char* collection, const json& record,
                                                        const char* method, const std::string& mfa_id) {
  auth::AuthAttempt attempt{&t.collection(collection), record, method, mfa_id, nullptr};
  return auth::complete_auth(t.db(), t.schema(), attempt, RequestContext{}, mfa_secret);
}

/// The mfaId a first sign-in answered with (fails the test when it signed in at once).
std::string mfa_started(const fastcms::core::ApiResult<auth::AuthResponse>& r) {
  if (!r.ok()) FAIL(r.error().to_json().dump());
  REQUIRE(r->needs_mfa());
  CHECK(r->token.empty());
  return r->mfa_id;
}

void mfa_signed_in(MfaTestDb& t, const fastcms::core::ApiResult<auth::AuthResponse>& r, const json& record) {
  if (!r.ok()) FAIL(r.error().to_json().dump());
  REQUIRE_FALSE(r->needs_mfa());
  auto who = auth::authenticate(t.db(), t.schema(), r->token, mfa_secret);
  if (!who.ok()) FAIL(who.error().message);
  CHECK(who->record["id"] == record["id"]);
}

json mfa_error(const fastcms::core::ApiResult<auth::AuthResponse>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().to_json();
}

json bad_request(const char* message) { return {{"status", 400}, {"message", message}, {"data", json::object()}}; }

void enroll_totp(MfaTestDb& t, const char* collection, const json& record, bool confirmed) {
  auth::TotpEnrollment e;
  e.collection_ref = t.collection(collection).id;
  e.record_ref = record["id"];
  e.secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  e.confirmed = confirmed;
  auto stored = auth::insert_totp_enrollment(t.db(), e);
  if (!stored) FAIL(stored.error().message);
}
}  // namespace

TEST_SUITE("mfa") {
  TEST_CASE("the first method answers an mfaId and stores the pending sign-in") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "users", "alice@example.com");
    std::string mfa_id = mfa_started(mfa_login(t, "users", "alice@example.com"));
    CHECK(mfa_id.size() == 15);
    json row = t.mfa_row(mfa_id);
    CHECK(row["collectionRef"] == t.collection("users").id);
    CHECK(row["recordRef"] == alice["id"]);
    CHECK(row["method"] == "password");
    CHECK(row["created"].get<std::string>().size() == 24);
  }

  TEST_CASE("a different method with the mfaId completes the sign-in, once") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "users", "alice@example.com");
    std::string mfa_id = mfa_started(mfa_login(t, "users", "alice@example.com"));
    mfa_signed_in(t, mfa_finish(t, "users", t.load("users", alice["id"].get<std::string>()), "otp", mfa_id), alice);
    CHECK(t.mfa_rows() == 0);
    CHECK(mfa_error(mfa_finish(t, "users", alice, "otp", mfa_id)) == bad_request(auth::invalid_or_expired_mfa_message));
  }

  TEST_CASE("the same method twice is refused and the pending sign-in stays") {
    MfaTestDb t(mfa_collections());
    mfa_user(t, "users", "alice@example.com");
    std::string mfa_id = mfa_started(mfa_login(t, "users", "alice@example.com"));
    CHECK(mfa_error(mfa_login(t, "users", "alice@example.com", mfa_id)) == bad_request(auth::different_method_message));
    CHECK(t.mfa_rows() == 1);
  }

  TEST_CASE("an unknown mfaId is refused") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "users", "alice@example.com");
    CHECK(mfa_error(mfa_finish(t, "users", alice, "otp", "nosuchmfa123456")) ==
          bad_request(auth::invalid_or_expired_mfa_message));
  }

  TEST_CASE("an expired pending sign-in is refused, and expired rows are cleaned") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "short", "alice@example.com");
    json bob = mfa_user(t, "short", "bob@example.com");
    std::string old_id = mfa_started(mfa_login(t, "short", "alice@example.com"));
    std::string fresh_id = mfa_started(mfa_login(t, "short", "bob@example.com"));
    // 61 s old with a 60 s duration.
    auto past = fastcms::datetime::format(std::chrono::system_clock::now() - std::chrono::seconds(61));
    REQUIRE(t.db().exec("UPDATE _mfas SET created = ?1 WHERE id = ?2", {past, old_id}).ok());
    CHECK(mfa_error(mfa_finish(t, "short", alice, "otp", old_id)) ==
          bad_request(auth::invalid_or_expired_mfa_message));
    CHECK(t.mfa_rows() == 1);  // the expired row is gone, bob's is kept
    mfa_signed_in(t, mfa_finish(t, "short", bob, "otp", fresh_id), bob);

    // A row just inside the duration still works.
    std::string recent_id = mfa_started(mfa_login(t, "short", "alice@example.com"));
    auto recent = fastcms::datetime::format(std::chrono::system_clock::now() - std::chrono::seconds(50));
    REQUIRE(t.db().exec("UPDATE _mfas SET created = ?1 WHERE id = ?2", {recent, recent_id}).ok());
    mfa_signed_in(t, mfa_finish(t, "short", alice, "otp", recent_id), alice);
  }

  TEST_CASE("a pending sign-in of another record or collection is refused") {
    MfaTestDb t(mfa_collections());
    mfa_user(t, "users", "alice@example.com");
    json bob = mfa_user(t, "users", "bob@example.com");
    json other = mfa_user(t, "short", "alice@example.com");
    std::string alice_mfa = mfa_started(mfa_login(t, "users", "alice@example.com"));
    CHECK(mfa_error(mfa_finish(t, "users", bob, "otp", alice_mfa)) == bad_request(auth::invalid_mfa_message));
    CHECK(mfa_error(mfa_finish(t, "short", other, "otp", alice_mfa)) == bad_request(auth::invalid_mfa_message));
    CHECK(t.mfa_rows() == 1);
  }

  TEST_CASE("mfa.rule chooses the records, with @request.context as the method") {
    MfaTestDb t(mfa_collections());
    mfa_user(t, "ruled", "admin@example.com", {{"role", "admin"}});
    json user = mfa_user(t, "ruled", "user@example.com", {{"role", "user"}});
    mfa_started(mfa_login(t, "ruled", "admin@example.com"));
    mfa_signed_in(t, mfa_login(t, "ruled", "user@example.com"), user);

    json carol = mfa_user(t, "by_context", "carol@example.com");
    mfa_started(mfa_login(t, "by_context", "carol@example.com"));
    mfa_signed_in(t, mfa_finish(t, "by_context", carol, "otp", ""), carol);
  }

  TEST_CASE("an mfa.rule that cannot be compiled fails the sign-in") {
    MfaTestDb t(mfa_collections());
    mfa_user(t, "broken_rule", "alice@example.com");
    CHECK(mfa_error(mfa_login(t, "broken_rule", "alice@example.com")) == bad_request("Failed to authenticate."));
    CHECK(t.mfa_rows() == 0);
  }

  TEST_CASE("without mfa.enabled the sign-in completes and an mfaId is ignored") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "plain", "alice@example.com");
    mfa_signed_in(t, mfa_login(t, "plain", "alice@example.com"), alice);
    mfa_signed_in(t, mfa_login(t, "plain", "alice@example.com", "whatever123456"), alice);
    CHECK(t.mfa_rows() == 0);
  }

  TEST_CASE("the authRule is checked before MFA: a refused record gets no pending sign-in") {
    MfaTestDb t(mfa_collections());
    mfa_user(t, "guarded", "alice@example.com", {{"verified", false}});
    CHECK(mfa_error(mfa_login(t, "guarded", "alice@example.com")) ==
          json{{"status", 403}, {"message", auth::auth_rule_refused_message}, {"data", json::object()}});
    CHECK(t.mfa_rows() == 0);
  }

  TEST_CASE("superusers go through MFA when _superusers enables it") {
    MfaTestDb t(mfa_collections());
    json root = mfa_user(t, "_superusers", "root@example.com");
    std::string mfa_id = mfa_started(mfa_login(t, "_superusers", "root@example.com"));
    CHECK(t.mfa_row(mfa_id)["collectionRef"] == "pbc_3142635823");
    mfa_signed_in(t, mfa_finish(t, "_superusers", root, "otp", mfa_id), root);
  }

  TEST_CASE("the mfaId may come as a query parameter") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "users", "alice@example.com");
    std::string mfa_id = mfa_started(mfa_login(t, "users", "alice@example.com"));
    RequestContext ctx;
    ctx.info.query["mfaId"] = mfa_id;
    CHECK(auth::mfa_id_from(json::object(), ctx) == mfa_id);
    CHECK(mfa_error(mfa_login(t, "users", "alice@example.com", "", ctx)) ==
          bad_request(auth::different_method_message));
  }

  TEST_CASE("an attempt without a method name skips MFA") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "users", "alice@example.com");
    mfa_signed_in(t, mfa_finish(t, "users", alice, "", ""), alice);
  }

  TEST_CASE("confirmed TOTP makes MFA mandatory for its record, with TOTP as one of the two methods") {
    MfaTestDb t(mfa_collections());
    json alice = mfa_user(t, "plain", "alice@example.com");
    json bob = mfa_user(t, "plain", "bob@example.com");
    enroll_totp(t, "plain", alice, true);
    enroll_totp(t, "plain", bob, false);  // an unconfirmed setup changes nothing
    mfa_signed_in(t, mfa_login(t, "plain", "bob@example.com"), bob);

    std::string mfa_id = mfa_started(mfa_login(t, "plain", "alice@example.com"));
    CHECK(mfa_error(mfa_finish(t, "plain", alice, "otp", mfa_id)) == bad_request(auth::totp_required_message));
    mfa_signed_in(t, mfa_finish(t, "plain", alice, "totp", mfa_id), alice);

    // In a collection with MFA on, the TOTP requirement holds as well.
    json carol = mfa_user(t, "users", "carol@example.com");
    enroll_totp(t, "users", carol, true);
    std::string carol_mfa = mfa_started(mfa_login(t, "users", "carol@example.com"));
    CHECK(mfa_error(mfa_finish(t, "users", carol, "oauth2", carol_mfa)) == bad_request(auth::totp_required_message));
  }
}

namespace {
namespace cols = fastcms::core::collections;
namespace auth = fastcms::core::auth;
using nlohmann::json;

json stored_system_collection(fastcms::db::Connection& db, std::string_view id) {
  auto stored = cols::find_stored_collection(db, id);
  if (!stored.ok()) FAIL(stored.error().message);
  REQUIRE(stored->has_value());
  return (*stored)->definition;
}

std::vector<std::string> system_field_names(const json& definition) {
  std::vector<std::string> names;
  for (const auto& f : definition["fields"]) names.push_back(f["name"]);
  return names;
}
}  // namespace

TEST_SUITE("auth system collections") {
  TEST_CASE("every database gets _mfas as PocketBase defines it, and the fastcms _totp") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());

    json mfas = stored_system_collection(*db, auth::mfas_collection_id);
    CHECK(mfas["name"] == "_mfas");
    CHECK(mfas["type"] == "base");
    CHECK(mfas["system"] == true);
    CHECK(system_field_names(mfas) ==
          std::vector<std::string>{"id", "collectionRef", "recordRef", "method", "created", "updated"});
    const std::string owner =
        "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";
    CHECK(mfas["listRule"] == owner);
    CHECK(mfas["viewRule"] == owner);
    CHECK(mfas["createRule"].is_null());
    CHECK(mfas["updateRule"].is_null());
    CHECK(mfas["deleteRule"].is_null());

    json totp = stored_system_collection(*db, auth::totp_collection_id);
    CHECK(totp["name"] == "_totp");
    CHECK(totp["system"] == true);
    CHECK(system_field_names(totp) == std::vector<std::string>{"id", "collectionRef", "recordRef", "secret", "confirmed",
                                                               "backupCodes", "lastUsedStep", "created", "updated"});
    for (const char* rule : {"listRule", "viewRule", "createRule", "updateRule", "deleteRule"})
      CHECK(totp[rule].is_null());
    for (const auto& f : totp["fields"])
      if (f["name"] == "secret" || f["name"] == "backupCodes") CHECK(f["hidden"] == true);

    // Both tables exist and take rows.
    CHECK(db->query_value("SELECT count(*) FROM _mfas")->to_int64() == 0);
    CHECK(db->query_value("SELECT count(*) FROM _totp")->to_int64() == 0);
  }
}
