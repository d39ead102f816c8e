#include <doctest/doctest.h>

#include <chrono>
#include <set>

#include "common/base32.h"
#include "common/datetime.h"
#include "core/auth/backup_codes.h"
#include "core/auth/auth_with_password.h"
#include "core/auth/auth_with_totp.h"
#include "core/auth/authenticate.h"
#include "core/auth/mfa.h"
#include "core/auth/totp.h"
#include "core/auth/totp_codes.h"
#include "core/auth/totp_enrollments.h"
#include "core/auth/totp_management.h"
#include "core/form_errors.h"
#include "support/mfa_test_db.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::core::RequestContext;
using fastcms::test::MfaTestDb;

constexpr const char* totp_secret_key = "project-secret-for-totp-tests";

json totp_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth"},
    {"name": "members", "type": "auth", "mfa": {"enabled": true}},
    {"name": "posts", "type": "base"}
  ])J");
}

/// A TOTP code of `secret` (base32) `offset_steps` steps from now.
std::string totp_now(const std::string& secret, int offset_steps = 0) {
  auto key = fastcms::base32::decode(secret);
  REQUIRE(key.has_value());
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return auth::totp::code_at(*key, now.count() + 30LL * offset_steps, {});
}

json totp_err(const fastcms::core::ApiError& e) { return e.to_json(); }
json totp_bad(const char* message) { return {{"status", 400}, {"message", message}, {"data", json::object()}}; }

struct TotpUser {
  json record;
  RequestContext ctx;
};

TotpUser totp_user(MfaTestDb& t, const char* collection, const char* email) {
  json record = t.insert(collection, {{"email", email}, {"password", "secret123"}});
  return {record, t.as(collection, record)};
}

struct TotpEnabled {
  std::string secret;
  std::vector<std::string> backup;
  std::string confirm_code;  ///< the (now spent) code that confirmed the setup
};

/// Sets up and confirms TOTP for `user`.
TotpEnabled totp_enable(MfaTestDb& t, const char* collection, const TotpUser& user) {
  auto setup = auth::totp_setup(t.db(), t.collection(collection), user.ctx, "fastcms");
  if (!setup.ok()) FAIL(setup.error().to_json().dump());
  std::string secret = (*setup)["secret"];
  std::string code = totp_now(secret);
  auto confirmed = auth::totp_confirm(t.db(), t.collection(collection), {{"code", code}}, user.ctx);
  if (!confirmed.ok()) FAIL(confirmed.error().to_json().dump());
  return {secret, (*confirmed)["backupCodes"].get<std::vector<std::string>>(), code};
}

std::string totp_first_step(MfaTestDb& t, const char* collection, const char* email) {
  auto r = auth::auth_with_password(t.db(), t.schema(), t.collection(collection),
                                    {{"identity", email}, {"password", "secret123"}}, RequestContext{}, totp_secret_key);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  REQUIRE(r->needs_mfa());
  return r->mfa_id;
}

fastcms::core::ApiResult<auth::AuthResponse> totp_second_step(MfaTestDb& t, const char* collection, const json& body,
                                                              const RequestContext& ctx = {}) {
  return auth::auth_with_totp(t.db(), t.schema(), t.collection(collection), body, ctx, totp_secret_key);
}

void totp_signed_in(MfaTestDb& t, const fastcms::core::ApiResult<auth::AuthResponse>& r, const json& record) {
  if (!r.ok()) FAIL(r.error().to_json().dump());
  REQUIRE_FALSE(r->needs_mfa());
  auto who = auth::authenticate(t.db(), t.schema(), r->token, totp_secret_key);
  if (!who.ok()) FAIL(who.error().message);
  CHECK(who->record["id"] == record["id"]);
}
}  // namespace

TEST_SUITE("totp endpoints") {
  TEST_CASE("setup returns a base32 secret and the otpauth URI, replacing an unconfirmed setup") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice+1@example.com");
    auto first = auth::totp_setup(t.db(), t.collection("users"), alice.ctx, "My App");
    if (!first.ok()) FAIL(first.error().to_json().dump());
    std::string secret = (*first)["secret"];
    CHECK(secret.size() == 32);
    CHECK(fastcms::base32::decode(secret)->size() == 20);
    CHECK((*first)["uri"] == "otpauth://totp/My%20App:alice%2B1%40example.com?secret=" + secret +
                                 "&issuer=My%20App&algorithm=SHA1&digits=6&period=30");
    auto second = auth::totp_setup(t.db(), t.collection("users"), alice.ctx, "My App");
    REQUIRE(second.ok());
    CHECK((*second)["secret"] != secret);
    CHECK(t.db().query_value("SELECT count(*) FROM _totp")->to_int64() == 1);
    auto stored = auth::find_totp_enrollment(t.db(), t.collection("users").id, alice.record["id"].get<std::string>());
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((*stored)->secret == (*second)["secret"]);
    CHECK_FALSE((*stored)->confirmed);
  }

  TEST_CASE("the endpoints need the requester's own auth collection") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice@example.com");
    const auto& users = t.collection("users");
    json unauthorized = {{"status", 401},
                         {"message", "The request requires valid record authorization token."},
                         {"data", json::object()}};
    CHECK(totp_err(auth::totp_setup(t.db(), users, RequestContext{}, "x").error()) == unauthorized);
    CHECK(totp_err(auth::totp_confirm(t.db(), users, {{"code", "123456"}}, RequestContext{}).error()) == unauthorized);
    CHECK(totp_err(auth::totp_disable(t.db(), users, {{"code", "123456"}}, RequestContext{}).error()) == unauthorized);
    CHECK(auth::totp_setup(t.db(), t.collection("members"), alice.ctx, "x").error().status == 403);
    CHECK(totp_err(auth::totp_setup(t.db(), t.collection("posts"), alice.ctx, "x").error()) ==
          json{{"status", 404}, {"message", "Missing or invalid auth collection context."}, {"data", json::object()}});
  }

  TEST_CASE("confirm: validation, no setup, wrong code, then ten single-use backup codes once") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice@example.com");
    const auto& users = t.collection("users");
    CHECK(totp_err(auth::totp_confirm(t.db(), users, json::object(), alice.ctx).error()) ==
          json{{"status", 400},
               {"message", fastcms::core::form_errors::validation_failed_message},
               {"data", {{"code", fastcms::core::form_errors::required()}}}});
    CHECK(totp_err(auth::totp_confirm(t.db(), users, {{"code", 123456}}, alice.ctx).error()) ==
          totp_bad(fastcms::core::form_errors::load_failed_message));
    CHECK(totp_err(auth::totp_confirm(t.db(), users, json::array(), alice.ctx).error()) ==
          totp_bad(fastcms::core::form_errors::load_failed_message));
    CHECK(totp_err(auth::totp_confirm(t.db(), users, {{"code", "123456"}}, alice.ctx).error()) ==
          totp_bad(auth::totp_no_setup_message));

    auto setup = auth::totp_setup(t.db(), users, alice.ctx, "fastcms");
    REQUIRE(setup.ok());
    std::string secret = (*setup)["secret"];
    std::string good = totp_now(secret);
    std::string wrong = good == "000000" ? "000001" : "000000";
    CHECK(totp_err(auth::totp_confirm(t.db(), users, {{"code", wrong}}, alice.ctx).error()) ==
          totp_bad(auth::invalid_totp_code_message));
    CHECK(totp_err(auth::totp_confirm(t.db(), users, {{"code", "not-a-code"}}, alice.ctx).error()) ==
          totp_bad(auth::invalid_totp_code_message));

    auto confirmed = auth::totp_confirm(t.db(), users, {{"code", good}}, alice.ctx);
    if (!confirmed.ok()) FAIL(confirmed.error().to_json().dump());
    auto codes = (*confirmed)["backupCodes"].get<std::vector<std::string>>();
    CHECK(codes.size() == 10);
    CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == 10);
    for (const auto& code : codes) {
      CHECK(code.size() == 11);
      CHECK(code[5] == '-');
    }
    // Stored hashed, never as given.
    std::string stored = t.db().query_value("SELECT backupCodes FROM _totp")->to_text();
    for (const auto& code : codes) CHECK(stored.find(code) == std::string::npos);

    CHECK(totp_err(auth::totp_confirm(t.db(), users, {{"code", totp_now(secret, 1)}}, alice.ctx).error()) ==
          totp_bad(auth::totp_already_enabled_message));
    CHECK(totp_err(auth::totp_setup(t.db(), users, alice.ctx, "fastcms").error()) ==
          totp_bad(auth::totp_already_enabled_message));
  }

  TEST_CASE("auth-with-totp completes the MFA sign-in with a TOTP code, never replayed") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice@example.com");
    auto [secret, backup, confirm_code] = totp_enable(t, "users", alice);
    // confirm spent its code: it cannot sign in.
    std::string mfa_id = totp_first_step(t, "users", "alice@example.com");
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", mfa_id}, {"code", confirm_code}}).error()) ==
          totp_bad(auth::invalid_totp_code_message));
    // The next step's code does, once.
    std::string next = totp_now(secret, 1);
    totp_signed_in(t, totp_second_step(t, "users", {{"mfaId", mfa_id}, {"code", next}}), alice.record);
    CHECK(t.mfa_rows() == 0);
    std::string again = totp_first_step(t, "users", "alice@example.com");
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", again}, {"code", next}}).error()) ==
          totp_bad(auth::invalid_totp_code_message));
    // The mfaId may come in the query, as the SDK sends unknown options.
    RequestContext query_ctx;
    query_ctx.info.query["mfaId"] = again;
    totp_signed_in(t, totp_second_step(t, "users", {{"code", backup[0]}}, query_ctx), alice.record);
  }

  TEST_CASE("auth-with-totp accepts each backup code once, in any case and without the dash") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice@example.com");
    auto [secret, backup, confirm_code] = totp_enable(t, "users", alice);
    std::string typed = backup[3];
    typed.erase(5, 1);
    for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string first = totp_first_step(t, "users", "alice@example.com");
    totp_signed_in(t, totp_second_step(t, "users", {{"mfaId", first}, {"code", typed}}), alice.record);
    std::string second = totp_first_step(t, "users", "alice@example.com");
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", second}, {"code", backup[3]}}).error()) ==
          totp_bad(auth::invalid_totp_code_message));
    totp_signed_in(t, totp_second_step(t, "users", {{"mfaId", second}, {"code", backup[4]}}), alice.record);
  }

  TEST_CASE("auth-with-totp errors") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice@example.com");
    auto bob = totp_user(t, "members", "bob@example.com");
    auto [secret, backup, confirm_code] = totp_enable(t, "users", alice);
    std::string mfa_id = totp_first_step(t, "users", "alice@example.com");

    CHECK(totp_err(totp_second_step(t, "users", json::object()).error()) ==
          json{{"status", 400},
               {"message", fastcms::core::form_errors::validation_failed_message},
               {"data", {{"mfaId", fastcms::core::form_errors::required()},
                         {"code", fastcms::core::form_errors::required()}}}});
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", mfa_id}, {"code", 5}}).error()) ==
          totp_bad(fastcms::core::form_errors::load_failed_message));
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", "nosuchmfa123456"}, {"code", backup[0]}}).error()) ==
          totp_bad(auth::invalid_or_expired_mfa_message));
    CHECK(totp_err(auth::auth_with_totp(t.db(), t.schema(), t.collection("posts"), {{"mfaId", mfa_id}, {"code", "1"}},
                                        RequestContext{}, totp_secret_key)
                       .error())["status"] == 404);
    // The pending sign-in belongs to `users`.
    CHECK(totp_err(totp_second_step(t, "members", {{"mfaId", mfa_id}, {"code", backup[0]}}).error()) ==
          totp_bad(auth::invalid_mfa_message));
    // A wrong code leaves the pending sign-in usable.
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", mfa_id}, {"code", "zzzzz-zzzzz"}}).error()) ==
          totp_bad(auth::invalid_totp_code_message));
    CHECK(t.mfa_rows() == 1);
    // Expired.
    auto past = std::chrono::system_clock::now() - std::chrono::seconds(601);
    REQUIRE(t.db().exec("UPDATE _mfas SET created = ?1", {fastcms::datetime::format(past)}).ok());
    CHECK(totp_err(totp_second_step(t, "users", {{"mfaId", mfa_id}, {"code", backup[0]}}).error()) ==
          totp_bad(auth::invalid_or_expired_mfa_message));
    // A record without TOTP (its collection asks for MFA by itself).
    std::string bob_mfa = totp_first_step(t, "members", "bob@example.com");
    CHECK(totp_err(totp_second_step(t, "members", {{"mfaId", bob_mfa}, {"code", "123456"}}).error()) ==
          totp_bad(auth::totp_not_enabled_message));
    (void)bob;
  }

  TEST_CASE("disable: needs confirmed TOTP and a valid TOTP or backup code") {
    MfaTestDb t(totp_collections());
    auto alice = totp_user(t, "users", "alice@example.com");
    const auto& users = t.collection("users");
    CHECK(totp_err(auth::totp_disable(t.db(), users, {{"code", "123456"}}, alice.ctx).error()) ==
          totp_bad(auth::totp_not_enabled_message));
    auto setup = auth::totp_setup(t.db(), users, alice.ctx, "fastcms");
    REQUIRE(setup.ok());
    CHECK(totp_err(auth::totp_disable(t.db(), users, {{"code", totp_now((*setup)["secret"])}}, alice.ctx).error()) ==
          totp_bad(auth::totp_not_enabled_message));
    auto [secret, backup, confirm_code] = totp_enable(t, "users", alice);
    CHECK(totp_err(auth::totp_disable(t.db(), users, json::object(), alice.ctx).error())["message"] ==
          fastcms::core::form_errors::validation_failed_message);
    CHECK(totp_err(auth::totp_disable(t.db(), users, {{"code", "zzzzz-zzzzz"}}, alice.ctx).error()) ==
          totp_bad(auth::invalid_totp_code_message));
    CHECK(auth::totp_disable(t.db(), users, {{"code", backup[9]}}, alice.ctx).ok());
    CHECK(t.db().query_value("SELECT count(*) FROM _totp")->to_int64() == 0);
    // Without TOTP the password alone signs in again.
    auto r = auth::auth_with_password(t.db(), t.schema(), users, {{"identity", "alice@example.com"}, {"password", "secret123"}},
                                      RequestContext{}, totp_secret_key);
    totp_signed_in(t, r, alice.record);

    auto [secret2, backup2, confirm2] = totp_enable(t, "users", alice);
    CHECK(auth::totp_disable(t.db(), users, {{"code", totp_now(secret2, 1)}}, alice.ctx).ok());
    (void)backup2;
    (void)confirm2;
  }

  TEST_CASE("spend_code: TOTP codes after the last used step, backup codes removed when spent") {
    auth::TotpEnrollment e;
    e.secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // RFC 6238's SHA1 seed
    e.backup_code_hashes = {auth::backup_code_hash("abcde-12345")};
    // RFC 4226's counter 1 value is the TOTP code at t = 59 (step 1).
    auto spent = auth::spend_code(e, "287082", 59, auth::AcceptedCodes::totp_only);
    REQUIRE(spent.has_value());
    CHECK(spent->last_used_step == 1);
    CHECK_FALSE(auth::spend_code(*spent, "287082", 59, auth::AcceptedCodes::totp_only));
    CHECK_FALSE(auth::spend_code(e, "abcde-12345", 59, auth::AcceptedCodes::totp_only));
    auto backup = auth::spend_code(e, "ABCDE12345", 59, auth::AcceptedCodes::totp_or_backup);
    REQUIRE(backup.has_value());
    CHECK(backup->backup_code_hashes.empty());
    CHECK(backup->last_used_step == 0);
  }
}
