#include <doctest/doctest.h>

#include <regex>

#include "core/auth/redirect_origin.h"
#include "support/app_test_env.h"

namespace {
using nlohmann::json;
using fastcms::test::AppTestEnv;

json magic_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "magicLink": {"enabled": true}},
    {"name": "short", "type": "auth",
     "magicLink": {"enabled": true, "duration": 60,
                   "emailTemplate": {"subject": "Link for {APP_NAME}", "body": "go: {LINK}"}}},
    {"name": "closed", "type": "auth"},
    {"name": "posts", "type": "base"}
  ])J");
}

const json magic_settings = {{"meta", {{"appName", "Acme"}, {"appURL", "https://acme.example.com"}}}};

fastcms::core::App::Options magic_options() {
  fastcms::core::App::Options options;
  options.origins = {"*", "https://front.example.com"};
  return options;
}

/// The link in the last mail (the default template's href).
std::string magic_link_in(AppTestEnv& env) {
  std::smatch m;
  std::string html = env.mailer().last().html;
  REQUIRE(std::regex_search(html, m, std::regex("href=\"([^\"]+)\"")));
  return std::regex_replace(m[1].str(), std::regex("&amp;"), "&");
}

std::string magic_token_of(const std::string& link) {
  auto at = link.find("token=");
  REQUIRE(at != std::string::npos);
  return link.substr(at + 6);
}

json magic_user(AppTestEnv& env, const char* collection = "users") {
  return env.create(collection,
                    {{"email", "ann@example.com"}, {"password", "password123"}, {"passwordConfirm", "password123"}});
}

const json invalid_link = {{"status", 400}, {"message", "Invalid or expired magic link."}, {"data", json::object()}};

}  // namespace

TEST_SUITE("magic link auth") {
  TEST_CASE("a requested link signs in once and verifies the email") {
    AppTestEnv env(magic_collections(), magic_settings, magic_options());
    json user = magic_user(env);
    auto requested = env.post("/api/collections/users/request-magic-link", {{"email", "ANN@example.com"}});
    CHECK(requested.status == 204);
    REQUIRE(env.mailer().count() == 1);
    CHECK(env.mailer().last().to == std::vector<std::string>{"ann@example.com"});
    CHECK(env.mailer().last().subject == "Sign in to Acme");
    std::string link = magic_link_in(env);
    CHECK(std::regex_match(link, std::regex(R"(https://acme\.example\.com/_/#/auth/magic-link\?token=[a-z0-9]{43})")));
    std::string token = magic_token_of(link);

    auto stored = env.db().query_one("SELECT tokenHash, sentTo FROM _magicLinks");
    if (!stored.ok()) FAIL(stored.error().message);
    REQUIRE(stored->has_value());
    CHECK((**stored)["tokenHash"].to_text().size() == 64);
    CHECK((**stored)["tokenHash"].to_text() != token);
    CHECK((**stored)["sentTo"].to_text() == "ann@example.com");

    auto signed_in = env.post("/api/collections/users/auth-with-magic-link", {{"token", token}});
    REQUIRE_MESSAGE(signed_in.status == 200, signed_in.body.dump());
    CHECK(signed_in.body["record"]["id"] == user["id"]);
    CHECK(signed_in.body["record"]["verified"] == true);
    CHECK(signed_in.body["token"].get<std::string>().size() > 20);

    auto again = env.post("/api/collections/users/auth-with-magic-link", {{"token", token}});
    CHECK(again.body == invalid_link);
  }

  TEST_CASE("redirectURL: the app's origin or an allowed origin, never another") {
    AppTestEnv env(magic_collections(), magic_settings, magic_options());
    magic_user(env);
    auto to = [&](const std::string& url) {
      return env.post("/api/collections/users/request-magic-link", {{"email", "ann@example.com"}, {"redirectURL", url}});
    };
    CHECK(to("https://acme.example.com/welcome").status == 204);
    CHECK(magic_link_in(env).starts_with("https://acme.example.com/welcome?token="));
    CHECK(to("https://front.example.com:443/in?from=mail").status == 204);
    CHECK(magic_link_in(env).starts_with("https://front.example.com:443/in?from=mail&token="));

    for (const char* evil : {"https://evil.example.com/", "http://acme.example.com/", "https://acme.example.com.evil.io/",
                             "https://user@acme.example.com/", "javascript:alert(1)", "/relative"}) {
      CAPTURE(evil);
      auto refused = to(evil);
      CHECK(refused.status == 400);
      CHECK(refused.body["data"]["redirectURL"]["code"] == "validation_invalid_redirect_url");
    }
    CHECK(env.mailer().count() == 2);
  }

  TEST_CASE("unknown emails, disabled collections and bad forms") {
    AppTestEnv env(magic_collections(), magic_settings, magic_options());
    CHECK(env.post("/api/collections/users/request-magic-link", {{"email", "nobody@example.com"}}).status == 204);
    CHECK(env.mailer().count() == 0);
    auto disabled = env.post("/api/collections/closed/request-magic-link", {{"email", "a@example.com"}});
    CHECK(disabled.status == 403);
    CHECK(disabled.body["message"] == "The collection is not configured to allow magic link authentication.");
    CHECK(env.post("/api/collections/closed/auth-with-magic-link", {{"token", "x"}}).status == 403);
    CHECK(env.post("/api/collections/posts/request-magic-link", {{"email", "a@example.com"}}).status == 404);
    auto not_email = env.post("/api/collections/users/request-magic-link", {{"email", "nope"}});
    CHECK(not_email.body["data"]["email"]["code"] == "validation_is_email");
    auto no_token = env.post("/api/collections/users/auth-with-magic-link", json::object());
    CHECK(no_token.body["data"]["token"]["code"] == "validation_required");
    auto unknown = env.post("/api/collections/users/auth-with-magic-link", {{"token", "abc"}});
    CHECK(unknown.body == invalid_link);
  }

  TEST_CASE("expired links and links of another collection fail; the template renders {LINK}") {
    AppTestEnv env(magic_collections(), magic_settings, magic_options());
    magic_user(env, "short");
    magic_user(env, "users");
    CHECK(env.post("/api/collections/short/request-magic-link", {{"email", "ann@example.com"}}).status == 204);
    std::string body = env.mailer().last().html;
    CHECK(env.mailer().last().subject == "Link for Acme");
    REQUIRE(body.starts_with("go: https://acme.example.com/_/#/auth/magic-link?token="));
    std::string token = magic_token_of(body);
    CHECK(env.post("/api/collections/users/auth-with-magic-link", {{"token", token}}).body == invalid_link);
    auto aged = env.db().exec("UPDATE _magicLinks SET created = ?1", {"2020-01-01 00:00:00.000Z"});
    if (!aged.ok()) FAIL(aged.error().message);
    CHECK(env.post("/api/collections/short/auth-with-magic-link", {{"token", token}}).body == invalid_link);
  }

  TEST_CASE("url_origin and redirect_allowed") {
    using fastcms::core::auth::redirect_allowed;
    using fastcms::core::auth::url_origin;
    CHECK(url_origin("HTTPS://Acme.Example.com:443/x?y#z") == "https://acme.example.com");
    CHECK(url_origin("http://127.0.0.1:8090") == "http://127.0.0.1:8090");
    CHECK(url_origin("http://[::1]:8090/a") == "http://[::1]:8090");
    CHECK(url_origin("http://a.io:80") == "http://a.io");
    CHECK_FALSE(url_origin("ftp://a.io").has_value());
    CHECK_FALSE(url_origin("https://a.io:x/").has_value());
    CHECK_FALSE(url_origin("https:///path").has_value());
    CHECK(redirect_allowed("http://127.0.0.1:8090/x", "http://127.0.0.1:8090/", {}));
    CHECK_FALSE(redirect_allowed("http://127.0.0.1:8091/x", "http://127.0.0.1:8090", {"*"}));
  }
}
