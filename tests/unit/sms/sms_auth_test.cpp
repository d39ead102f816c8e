#include "core/sms/sms_auth.h"

#include <doctest/doctest.h>

#include <regex>

#include "support/app_test_env.h"
#include "support/recording_sms_sender.h"

namespace {
using nlohmann::json;
using fastcms::test::AppTestEnv;
namespace sms = fastcms::core::sms;

json sms_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "fields": [{"name": "phone", "type": "text"}],
     "indexes": ["CREATE UNIQUE INDEX idx_users_phone ON users (phone) WHERE phone != ''"],
     "sms": {"enabled": true}},
    {"name": "members", "type": "auth", "fields": [{"name": "mobile", "type": "text"}],
     "sms": {"enabled": true, "length": 8, "phoneField": "mobile"}},
    {"name": "nophone", "type": "auth", "sms": {"enabled": true}},
    {"name": "closed", "type": "auth", "fields": [{"name": "phone", "type": "text"}]}
  ])J");
}

/// request_sms_code + delivery through `sender`; returns {smsId, code sent ("" if none)}.
std::pair<std::string, std::string> sms_request(AppTestEnv& env, fastcms::test::RecordingSmsSender& sender,
                                                const char* collection, const std::string& phone) {
  auto r = sms::request_sms_code(env.db(), *env.schema(), env.collection(collection), {{"phone", phone}});
  if (!r.ok()) FAIL(r.error().to_json().dump());
  if (!r->sms) return {r->sms_id, ""};
  CHECK(r->sms->code_id == r->sms_id);
  auto delivered = sms::deliver_pending_sms(env.db(), *env.schema(), sender, *r->sms);
  if (!delivered.ok()) return {r->sms_id, ""};
  std::smatch m;
  std::string body = sender.sent().back().body;
  REQUIRE(std::regex_match(body, m, std::regex("your code is ([0-9]+)")));
  return {r->sms_id, m[1]};
}

fastcms::core::ApiResult<fastcms::core::auth::AuthResponse> sms_sign_in(AppTestEnv& env, const char* collection,
                                                                          const json& body) {
  return sms::auth_with_sms(env.db(), *env.schema(), env.collection(collection), body, {}, env.app().secret());
}

json sms_error(const fastcms::core::ApiResult<fastcms::core::auth::AuthResponse>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().to_json();
}

const json invalid_sms = {{"status", 400}, {"message", "Invalid or expired SMS code."}, {"data", json::object()}};

json sms_user(AppTestEnv& env, const char* collection = "users", const char* field = "phone") {
  return env.create(collection, {{"email", std::string(collection) + "@example.com"},
                                 {field, "+15550001"},
                                 {"password", "password123"},
                                 {"passwordConfirm", "password123"}});
}

size_t sms_rows(AppTestEnv& env) {
  auto n = env.db().query_value("SELECT count(*) FROM _smsCodes");
  if (!n.ok()) FAIL(n.error().message);
  return static_cast<size_t>(n->to_int64());
}

}  // namespace

TEST_SUITE("sms auth") {
  TEST_CASE("a code sent to the record's phone signs in once with method sms") {
    AppTestEnv env(sms_collections());
    fastcms::test::RecordingSmsSender sender;
    json user = sms_user(env);
    auto [id, code] = sms_request(env, sender, "users", "+15550001");
    CHECK(std::regex_match(id, std::regex("[a-z0-9]{15}")));
    CHECK(std::regex_match(code, std::regex("[0-9]{6}")));
    REQUIRE(sender.sent().size() == 1);
    CHECK(sender.sent()[0].to == "+15550001");
    auto stored = env.db().query_one("SELECT * FROM _smsCodes WHERE id = ?1", {id});
    if (!stored.ok()) FAIL(stored.error().message);
    REQUIRE(stored->has_value());
    CHECK((**stored)["sentTo"].to_text() == "+15550001");
    CHECK((**stored)["password"].to_text().starts_with("$2"));

    auto r = sms_sign_in(env, "users", {{"smsId", id}, {"code", code}});
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK(r->record["id"] == user["id"]);
    CHECK(sms_error(sms_sign_in(env, "users", {{"smsId", id}, {"code", code}})) == invalid_sms);

    sms_user(env, "members", "mobile");
    auto [member_id, member_code] = sms_request(env, sender, "members", "+15550001");
    CHECK(member_code.size() == 8);
    CHECK(sms_error(sms_sign_in(env, "users", {{"smsId", member_id}, {"code", member_code}})) == invalid_sms);
    CHECK(sms_sign_in(env, "members", {{"smsId", member_id}, {"code", member_code}}).ok());
  }

  TEST_CASE("four wrong codes leave the right one usable; the fifth burns the code") {
    AppTestEnv env(sms_collections());
    fastcms::test::RecordingSmsSender sender;
    sms_user(env);
    auto [id, code] = sms_request(env, sender, "users", "+15550001");
    for (int i = 0; i < 4; ++i) CHECK(sms_error(sms_sign_in(env, "users", {{"smsId", id}, {"code", "x"}})) == invalid_sms);
    CHECK(sms_sign_in(env, "users", {{"smsId", id}, {"code", code}}).ok());

    auto [burnt_id, burnt_code] = sms_request(env, sender, "users", "+15550001");
    for (int i = 0; i < 5; ++i) sms_sign_in(env, "users", {{"smsId", burnt_id}, {"code", "x"}});
    CHECK(sms_rows(env) == 0);
    CHECK(sms_error(sms_sign_in(env, "users", {{"smsId", burnt_id}, {"code", burnt_code}})) == invalid_sms);
  }

  TEST_CASE("unknown phones get a well-formed id and nothing is sent") {
    AppTestEnv env(sms_collections());
    fastcms::test::RecordingSmsSender sender;
    auto [id, code] = sms_request(env, sender, "users", "+15559999");
    CHECK(std::regex_match(id, std::regex("[a-z0-9]{15}")));
    CHECK(code.empty());
    CHECK(sender.sent().empty());
    CHECK(sms_rows(env) == 0);
  }

  TEST_CASE("a failed send deletes the code") {
    AppTestEnv env(sms_collections());
    fastcms::test::RecordingSmsSender sender;
    sms_user(env);
    sender.fail_with("provider down");
    auto [id, code] = sms_request(env, sender, "users", "+15550001");
    CHECK(code.empty());
    CHECK(sms_rows(env) == 0);
  }

  TEST_CASE("refusals: disabled, bad phone, missing phone field, expired, bad forms") {
    AppTestEnv env(sms_collections());
    fastcms::test::RecordingSmsSender sender;
    auto request = [&](const char* collection, const json& body) {
      return sms::request_sms_code(env.db(), *env.schema(), env.collection(collection), body);
    };
    auto disabled = request("closed", {{"phone", "+15550001"}});
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().status == 403);
    CHECK(disabled.error().message == "The collection is not configured to allow SMS authentication.");
    auto bad = request("users", {{"phone", "call me"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().to_json()["data"]["phone"]["code"] == "validation_match_invalid");
    auto blank = request("users", json::object());
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error().to_json()["data"]["phone"]["code"] == "validation_required");
    auto wrong_type = request("users", {{"phone", 15550001}});
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.error().message == "An error occurred while loading the submitted data.");
    auto no_field = request("nophone", {{"phone", "+15550001"}});
    REQUIRE_FALSE(no_field.ok());
    CHECK(no_field.error().message == "The collection's sms.phoneField \"phone\" is not one of its fields.");

    CHECK(sms_error(sms_sign_in(env, "closed", {{"smsId", "x"}, {"code", "1"}}))["status"] == 403);
    json missing = sms_error(sms_sign_in(env, "users", json::object()));
    CHECK(missing["data"]["smsId"]["code"] == "validation_required");
    CHECK(missing["data"]["code"]["code"] == "validation_required");
    CHECK(sms_error(sms_sign_in(env, "users", {{"smsId", "nope"}, {"code", "1"}})) == invalid_sms);

    sms_user(env);
    auto [id, code] = sms_request(env, sender, "users", "+15550001");
    auto aged = env.db().exec("UPDATE _smsCodes SET created = ?1", {"2020-01-01 00:00:00.000Z"});
    if (!aged.ok()) FAIL(aged.error().message);
    CHECK(sms_error(sms_sign_in(env, "users", {{"smsId", id}, {"code", code}})) == invalid_sms);
  }

  TEST_CASE("over HTTP: outside dev an unconfigured provider is refused before any code is made") {
    AppTestEnv env(sms_collections());
    sms_user(env);
    auto refused = env.post("/api/collections/users/request-sms-code", {{"phone", "+15550001"}});
    CHECK(refused.status == 400);
    CHECK(refused.body["message"] == "SMS sending is not configured: set settings sms.provider to twilio or webhook.");
    CHECK(sms_rows(env) == 0);
    CHECK(env.post("/api/collections/closed/request-sms-code", {{"phone", "+15550001"}}).status == 403);
    auto methods = env.send("GET", "/api/collections/users/auth-methods");
    CHECK(methods.body["sms"] == json{{"enabled", true}, {"duration", 300}});
  }
}
