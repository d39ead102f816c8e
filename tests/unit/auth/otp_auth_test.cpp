#include <doctest/doctest.h>

#include <regex>

#include "core/auth/authenticate.h"
#include "core/auth/otps_collection.h"
#include "support/app_test_env.h"

namespace {
using nlohmann::json;
using fastcms::test::AppTestEnv;

json otp_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth",
     "otp": {"enabled": true,
             "emailTemplate": {"subject": "Code {OTP} for {APP_NAME}",
                               "body": "<p>id={OTP_ID} app={APP_NAME} url={APP_URL}</p>"}}},
    {"name": "staff", "type": "auth", "otp": {"enabled": true, "length": 4}},
    {"name": "by_context", "type": "auth", "authRule": "@request.context = 'otp'", "otp": {"enabled": true}},
    {"name": "closed", "type": "auth"},
    {"name": "posts", "type": "base"}
  ])J");
}

const json otp_settings = {{"meta", {{"appName", "Acme"}, {"appURL", "https://acme.example.com/"}}}};

/// The code in a mail of the `users` template ("Code 12345678 for Acme").
std::string otp_code_in(const fastcms::core::mail::MailMessage& message) {
  std::smatch m;
  REQUIRE(std::regex_search(message.subject, m, std::regex("Code ([0-9]+) for")));
  return m[1];
}

/// The code in a mail of the default template ("<strong>12345678</strong>").
std::string otp_code_in_default(const fastcms::core::mail::MailMessage& message) {
  std::smatch m;
  REQUIRE(std::regex_search(message.html, m, std::regex("<strong>([0-9]+)</strong>")));
  return m[1];
}

json otp_error(const fastcms::http::ApiResponse& response) {
  CHECK(response.status >= 400);
  return response.body;
}

const json invalid_otp = {{"status", 400}, {"message", "Invalid or expired OTP"}, {"data", json::object()}};

std::string request_otp_id(AppTestEnv& env, const std::string& collection, const std::string& email) {
  auto response = env.post("/api/collections/" + collection + "/request-otp", {{"email", email}});
  REQUIRE(response.status == 200);
  return response.body.at("otpId").get<std::string>();
}

size_t otp_rows(AppTestEnv& env) {
  auto n = env.db().query_value("SELECT count(*) FROM _otps");
  if (!n.ok()) FAIL(n.error().message);
  return static_cast<size_t>(n->to_int64());
}

}  // namespace

TEST_SUITE("otp auth") {
  TEST_CASE("request-otp mails otp.length digits through the collection's template and stores only a hash") {
    AppTestEnv env(otp_collections(), otp_settings);
    json user = env.create("users", {{"email", "ann@example.com"}, {"password", "password123"},
                                     {"passwordConfirm", "password123"}});
    std::string otp_id = request_otp_id(env, "users", "ann@example.com");
    CHECK(std::regex_match(otp_id, std::regex("[a-z0-9]{15}")));
    REQUIRE(env.mailer().count() == 1);
    auto mail = env.mailer().last();
    CHECK(mail.to == std::vector<std::string>{"ann@example.com"});
    std::string code = otp_code_in(mail);
    CHECK(std::regex_match(code, std::regex("[0-9]{8}")));
    CHECK(mail.subject == "Code " + code + " for Acme");
    CHECK(mail.html == "<p>id=" + otp_id + " app=Acme url=https://acme.example.com</p>");

    auto row = env.db().query_one("SELECT * FROM _otps WHERE id = ?1", {otp_id});
    if (!row.ok()) FAIL(row.error().message);
    REQUIRE(row->has_value());
    const auto& r = **row;
    CHECK(r["collectionRef"].to_text() == env.collection("users").id);
    CHECK(r["recordRef"].to_text() == user["id"].get<std::string>());
    CHECK(r["sentTo"].to_text() == "ann@example.com");
    CHECK(r["password"].to_text().starts_with("$2"));
    CHECK(r["password"].to_text().find(code) == std::string::npos);

    auto staff = env.create("staff", {{"email", "sam@example.com"}, {"password", "password123"},
                                      {"passwordConfirm", "password123"}});
    request_otp_id(env, "staff", "sam@example.com");
    CHECK(otp_code_in_default(env.mailer().last()).size() == 4);  // staff's otp.length, default template
  }

  TEST_CASE("an unknown email gets a well-formed id, no mail and no OTP") {
    AppTestEnv env(otp_collections(), otp_settings);
    std::string otp_id = request_otp_id(env, "users", "nobody@example.com");
    CHECK(std::regex_match(otp_id, std::regex("[a-z0-9]{15}")));
    CHECK(env.mailer().count() == 0);
    CHECK(otp_rows(env) == 0);
    auto r = env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", "12345678"}});
    CHECK(otp_error(r) == invalid_otp);
  }

  TEST_CASE("request-otp refusals") {
    AppTestEnv env(otp_collections(), otp_settings);
    auto disabled = env.post("/api/collections/closed/request-otp", {{"email", "a@example.com"}});
    CHECK(disabled.status == 403);
    CHECK(disabled.body["message"] == "The collection is not configured to allow OTP authentication.");
    CHECK(env.post("/api/collections/posts/request-otp", {{"email", "a@example.com"}}).status == 404);
    CHECK(env.post("/api/collections/missing/request-otp", {{"email", "a@example.com"}}).status == 404);

    auto blank = env.post("/api/collections/users/request-otp", json::object());
    CHECK(blank.status == 400);
    CHECK(blank.body["message"] == "An error occurred while validating the submitted data.");
    CHECK(blank.body["data"]["email"]["code"] == "validation_required");
    auto not_email = env.post("/api/collections/users/request-otp", {{"email", "not-an-email"}});
    CHECK(not_email.body["data"]["email"]["code"] == "validation_is_email");
    auto too_long = env.post("/api/collections/users/request-otp", {{"email", std::string(256, 'a') + "@x.io"}});
    CHECK(too_long.body["data"]["email"]["code"] == "validation_length_out_of_range");
    auto wrong_type = env.post("/api/collections/users/request-otp", {{"email", 5}});
    CHECK(wrong_type.status == 400);
    CHECK(wrong_type.body["message"] == "An error occurred while loading the submitted data.");
  }

  TEST_CASE("auth-with-otp signs in once, verifies the email it was sent to, and reports method otp") {
    AppTestEnv env(otp_collections(), otp_settings);
    json user = env.create("users", {{"email", "ann@example.com"}, {"password", "password123"},
                                     {"passwordConfirm", "password123"}});
    CHECK(user["verified"] == false);
    std::string otp_id = request_otp_id(env, "users", "ann@example.com");
    std::string code = otp_code_in(env.mailer().last());

    auto wrong = env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", "00000000x"}});
    CHECK(otp_error(wrong) == invalid_otp);

    auto ok = env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", code}});
    REQUIRE_MESSAGE(ok.status == 200, ok.body.dump());
    CHECK(ok.body["record"]["id"] == user["id"]);
    CHECK(ok.body["record"]["verified"] == true);
    auto who = fastcms::core::auth::authenticate(env.db(), *env.schema(), ok.body["token"].get<std::string>(),
                                                 env.app().secret());
    if (!who.ok()) FAIL(who.error().message);
    CHECK(otp_rows(env) == 0);

    auto again = env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", code}});
    CHECK(otp_error(again) == invalid_otp);

    // the authRule sees @request.context = "otp"
    env.create("by_context", {{"email", "ctx@example.com"}, {"password", "password123"},
                              {"passwordConfirm", "password123"}});
    std::string ctx_id = request_otp_id(env, "by_context", "ctx@example.com");
    std::string ctx_code = otp_code_in_default(env.mailer().last());
    auto by_context = env.post("/api/collections/by_context/auth-with-otp", {{"otpId", ctx_id}, {"password", ctx_code}});
    CHECK_MESSAGE(by_context.status == 200, by_context.body.dump());
  }

  TEST_CASE("auth-with-otp refuses expired OTPs, OTPs of another collection and bad forms") {
    AppTestEnv env(otp_collections(), otp_settings);
    env.create("users", {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
    env.create("staff", {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
    std::string otp_id = request_otp_id(env, "users", "ann@example.com");
    std::string code = otp_code_in(env.mailer().last());

    auto elsewhere = env.post("/api/collections/staff/auth-with-otp", {{"otpId", otp_id}, {"password", code}});
    CHECK(otp_error(elsewhere) == invalid_otp);
    auto disabled = env.post("/api/collections/closed/auth-with-otp", {{"otpId", otp_id}, {"password", code}});
    CHECK(disabled.status == 403);

    auto blank = env.post("/api/collections/users/auth-with-otp", json::object());
    CHECK(blank.status == 400);
    CHECK(blank.body["data"]["otpId"]["code"] == "validation_required");
    CHECK(blank.body["data"]["password"]["code"] == "validation_required");
    auto long_password =
        env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", std::string(72, '1')}});
    CHECK(long_password.body["data"]["password"]["code"] == "validation_length_out_of_range");

    auto aged = env.db().exec("UPDATE _otps SET created = ?1 WHERE id = ?2", {"2020-01-01 00:00:00.000Z", otp_id});
    if (!aged.ok()) FAIL(aged.error().message);
    auto expired = env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", code}});
    CHECK(otp_error(expired) == invalid_otp);
  }

  TEST_CASE("a sixth check for one record within 180 s is refused with 429, even with the right code") {
    AppTestEnv env(otp_collections(), otp_settings);
    env.create("users", {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
    std::string otp_id = request_otp_id(env, "users", "ann@example.com");
    std::string code = otp_code_in(env.mailer().last());
    for (int i = 0; i < 5; ++i)
      CHECK(env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", "1"}}).body == invalid_otp);
    auto limited = env.post("/api/collections/users/auth-with-otp", {{"otpId", otp_id}, {"password", code}});
    CHECK(limited.status == 429);
    CHECK(limited.body["message"] == "Too many attempts, please try again later with a new OTP.");
  }

  TEST_CASE("outside dev the 11th request within the window reuses the newest OTP; dev always makes a new one") {
    AppTestEnv env(otp_collections(), otp_settings);
    env.create("users", {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
    std::string newest;
    for (int i = 0; i < 10; ++i) newest = request_otp_id(env, "users", "ann@example.com");
    CHECK(env.mailer().count() == 10);
    CHECK(request_otp_id(env, "users", "ann@example.com") == newest);
    CHECK(env.mailer().count() == 10);
    CHECK(otp_rows(env) == 10);

    fastcms::core::App::Options dev;
    dev.dev = true;
    AppTestEnv dev_env(otp_collections(), otp_settings, dev);
    dev_env.create("users",
                   {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
    for (int i = 0; i < 11; ++i) request_otp_id(dev_env, "users", "ann@example.com");
    CHECK(dev_env.mailer().count() == 11);
  }

  TEST_CASE("a failed OTP mail deletes the OTP; the answer is still 200") {
    AppTestEnv env(otp_collections(), otp_settings);
    env.create("users", {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
    env.mailer().fail_with("smtp down");
    std::string otp_id = request_otp_id(env, "users", "ann@example.com");
    CHECK(otp_id.size() == 15);
    CHECK(otp_rows(env) == 0);
  }

  TEST_CASE("auth-methods reports otp from the collection") {
    AppTestEnv env(otp_collections(), otp_settings);
    auto on = env.send("GET", "/api/collections/users/auth-methods");
    CHECK(on.body["otp"] == json{{"enabled", true}, {"duration", 180}});
    auto off = env.send("GET", "/api/collections/closed/auth-methods");
    CHECK(off.body["otp"] == json{{"enabled", false}, {"duration", 0}});
    CHECK(off.body["magicLink"] == json{{"enabled", false}, {"duration", 0}});
    CHECK(off.body["sms"] == json{{"enabled", false}, {"duration", 0}});
  }

  TEST_CASE("_otps is a system collection with PocketBase's fields and rules") {
    AppTestEnv env(json::array());
    const auto& otps = env.collection("_otps");
    CHECK(otps.id == fastcms::core::auth::otps_definition()["id"]);
    CHECK(otps.id.starts_with("pbc_"));
    for (const char* field : {"collectionRef", "recordRef", "password", "sentTo", "created", "updated"})
      CHECK_MESSAGE(otps.field(field) != nullptr, field);
    CHECK(otps.field("password")->hidden);
    CHECK(otps.field("sentTo")->hidden);
    std::string owner = "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";
    CHECK(otps.list_rule == owner);
    CHECK(otps.view_rule == owner);
    CHECK_FALSE(otps.create_rule.has_value());
    CHECK_FALSE(otps.delete_rule.has_value());
  }
}
