#include "core/auth/oauth2/providers.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>

#include "common/http_client.h"
#include "support/fake_http_client.h"

namespace {
using nlohmann::json;
namespace oauth2 = fastcms::core::auth::oauth2;

oauth2::OAuth2User mapped_by(const char* provider, const char* raw_user) {
  oauth2::ProviderConfig config;
  config.name = provider;
  config.client_id = "client";
  auto p = oauth2::make_provider(config);
  REQUIRE(p != nullptr);
  return p->map_user(json::parse(raw_user));
}

std::map<std::string, std::string> form_fields_of(const std::string& body) {
  std::map<std::string, std::string> out;
  for (auto& [k, v] : fastcms::form_decode(body)) out[k] = v;
  return out;
}

std::unique_ptr<oauth2::Provider> provider_for_test(const char* name, std::optional<bool> pkce = std::nullopt) {
  oauth2::ProviderConfig config;
  config.name = name;
  config.client_id = "client id";
  config.client_secret = "s3cret";
  config.auth_url = "https://idp.test/authorize";
  config.token_url = "https://idp.test/token";
  config.user_info_url = "https://idp.test/userinfo";
  config.pkce = pkce;
  return oauth2::make_provider(config);
}
}  // namespace

TEST_SUITE("oauth2 providers") {
  TEST_CASE("the known provider names, oidc three times") {
    CHECK(oauth2::provider_names() ==
          std::vector<std::string>{"apple", "discord", "github", "gitlab", "google", "microsoft", "oidc", "oidc2",
                                   "oidc3"});
    CHECK(oauth2::is_provider_name("oidc2"));
    CHECK_FALSE(oauth2::is_provider_name("facebook"));
    oauth2::ProviderConfig unknown;
    unknown.name = "facebook";
    CHECK(oauth2::make_provider(unknown) == nullptr);
  }

  TEST_CASE("google: id, name, picture; the email only when verified") {
    auto user = mapped_by("google", R"J({"id": "108204268033311374519", "email": "ada@gmail.com",
        "verified_email": true, "name": "Ada Lovelace", "given_name": "Ada", "family_name": "Lovelace",
        "picture": "https://lh3.googleusercontent.com/a/ACg8ocL", "locale": "en"})J");
    CHECK(user.id == "108204268033311374519");
    CHECK(user.name == "Ada Lovelace");
    CHECK(user.username == "");
    CHECK(user.email == "ada@gmail.com");
    CHECK(user.avatar_url == "https://lh3.googleusercontent.com/a/ACg8ocL");
    CHECK(user.raw_user["locale"] == "en");
    CHECK(mapped_by("google", R"J({"id": "1", "email": "ada@gmail.com", "verified_email": false})J").email == "");
  }

  TEST_CASE("github: numeric id as text, login as username, public email") {
    auto user = mapped_by("github", R"J({"login": "octocat", "id": 583231, "node_id": "MDQ6VXNlcjU4MzIzMQ==",
        "avatar_url": "https://avatars.githubusercontent.com/u/583231?v=4", "name": "The Octocat",
        "email": "octocat@github.com", "type": "User"})J");
    CHECK(user.id == "583231");
    CHECK(user.username == "octocat");
    CHECK(user.name == "The Octocat");
    CHECK(user.email == "octocat@github.com");
    CHECK(user.avatar_url == "https://avatars.githubusercontent.com/u/583231?v=4");
  }

  TEST_CASE("gitlab: the email only once confirmed") {
    const char* raw = R"J({"id": 1234567, "username": "jdoe", "name": "Jane Doe", "state": "active",
        "avatar_url": "https://gitlab.com/uploads/-/system/user/avatar/1234567/avatar.png",
        "email": "jane@example.com", "confirmed_at": "2021-03-04T12:41:00.123Z"})J";
    auto user = mapped_by("gitlab", raw);
    CHECK(user.id == "1234567");
    CHECK(user.username == "jdoe");
    CHECK(user.name == "Jane Doe");
    CHECK(user.email == "jane@example.com");
    CHECK(user.avatar_url == "https://gitlab.com/uploads/-/system/user/avatar/1234567/avatar.png");
    CHECK(mapped_by("gitlab", R"J({"id": 1, "email": "jane@example.com", "confirmed_at": null})J").email == "");
  }

  TEST_CASE("microsoft: Graph's /me") {
    auto user = mapped_by("microsoft", R"J({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "displayName": "Adele Vance", "givenName": "Adele",
        "mail": "AdeleV@contoso.com", "userPrincipalName": "AdeleV@contoso.com"})J");
    CHECK(user.id == "87d349ed-44d7-43e1-9a83-5f2406dee5bd");
    CHECK(user.name == "Adele Vance");
    CHECK(user.email == "AdeleV@contoso.com");
    CHECK(user.avatar_url == "");
  }

  TEST_CASE("discord: username#discriminator as name, CDN avatar, verified email") {
    auto user = mapped_by("discord", R"J({"id": "80351110224678912", "username": "Nelly", "discriminator": "1337",
        "avatar": "8342729096ea3675442027381ff50dfe", "verified": true, "email": "nelly@discord.com"})J");
    CHECK(user.id == "80351110224678912");
    CHECK(user.username == "Nelly");
    CHECK(user.name == "Nelly#1337");
    CHECK(user.avatar_url == "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png");
    CHECK(user.email == "nelly@discord.com");
    CHECK(mapped_by("discord", R"J({"id": "1", "verified": false, "email": "x@y.z"})J").email == "");
  }

  TEST_CASE("apple: sub, verified email (bool or string), name from the first-time user JSON") {
    auto user = mapped_by("apple", R"J({"iss": "https://appleid.apple.com", "aud": "client",
        "sub": "001999.80b18c74c3264cad895d0eae181d8f50.1909", "email": "8h2lsxk@privaterelay.appleid.com",
        "email_verified": "true", "is_private_email": "true",
        "user": {"name": {"firstName": "Ada", "lastName": "Lovelace"}, "email": "8h2lsxk@privaterelay.appleid.com"}})J");
    CHECK(user.id == "001999.80b18c74c3264cad895d0eae181d8f50.1909");
    CHECK(user.email == "8h2lsxk@privaterelay.appleid.com");
    CHECK(user.name == "Ada Lovelace");
    CHECK(mapped_by("apple", R"J({"sub": "1", "email": "a@b.c", "email_verified": false})J").email == "");
  }

  TEST_CASE("oidc: the standard claims; the email only when email_verified") {
    auto user = mapped_by("oidc", R"J({"sub": "248289761001", "name": "Jane Doe", "preferred_username": "j.doe",
        "email": "janedoe@example.com", "email_verified": true, "picture": "http://example.com/janedoe/me.jpg"})J");
    CHECK(user.id == "248289761001");
    CHECK(user.name == "Jane Doe");
    CHECK(user.username == "j.doe");
    CHECK(user.email == "janedoe@example.com");
    CHECK(user.avatar_url == "http://example.com/janedoe/me.jpg");
    CHECK(mapped_by("oidc3", R"J({"sub": "1", "email": "a@b.c"})J").email == "");
  }

  TEST_CASE("the authorization URL: sorted parameters, PocketBase's scopes, no redirect_uri") {
    oauth2::ProviderConfig config;
    config.name = "google";
    config.client_id = "my client";
    auto google = oauth2::make_provider(config);
    CHECK(google->build_auth_url("st4te", {{"code_challenge", "abc"}, {"code_challenge_method", "S256"}}) ==
          "https://accounts.google.com/o/oauth2/v2/auth?client_id=my%20client&code_challenge=abc&"
          "code_challenge_method=S256&response_type=code&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo."
          "profile%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email&state=st4te");
    config.name = "oidc";
    config.auth_url = "https://idp.test/authorize?tenant=x";
    CHECK(oauth2::make_provider(config)->build_auth_url("s") ==
          "https://idp.test/authorize?tenant=x&client_id=my%20client&response_type=code&scope=openid%20email%20profile&"
          "state=s");
  }

  TEST_CASE("the configuration overrides URLs, display name and pkce") {
    oauth2::ProviderConfig config;
    config.name = "gitlab";
    CHECK(oauth2::make_provider(config)->display_name() == "GitLab");
    CHECK(oauth2::make_provider(config)->pkce());
    config.display_name = "Our GitLab";
    config.pkce = false;
    config.auth_url = "https://git.example.com/oauth/authorize";
    auto p = oauth2::make_provider(config);
    CHECK(p->display_name() == "Our GitLab");
    CHECK_FALSE(p->pkce());
    CHECK(p->settings().auth_url == "https://git.example.com/oauth/authorize");
    CHECK(p->settings().token_url == "https://gitlab.com/oauth/token");
  }

  TEST_CASE("the token exchange is a form POST with the client credentials and the verifier") {
    fastcms::test::FakeHttpClient http;
    http.answer("https://idp.test/token", 200,
                R"({"access_token":"at","refresh_token":"rt","id_token":"it","token_type":"Bearer","expires_in":3600})");
    auto p = provider_for_test("oidc");
    auto token = p->fetch_token(http, "the code", "verifier123", "http://app.test/cb");
    if (!token.ok()) FAIL(token.error().message);
    CHECK(token->access_token == "at");
    CHECK(token->refresh_token == "rt");
    CHECK(token->id_token == "it");
    CHECK(token->expiry.size() == 24);
    auto sent = http.requests().at(0);
    CHECK(sent.method == "POST");
    CHECK(sent.url == "https://idp.test/token");
    CHECK(sent.timeout == std::chrono::seconds(30));
    CHECK(std::find(sent.headers.begin(), sent.headers.end(),
                    std::pair<std::string, std::string>{"Content-Type", "application/x-www-form-urlencoded"}) !=
          sent.headers.end());
    CHECK(form_fields_of(sent.body) == std::map<std::string, std::string>{{"grant_type", "authorization_code"},
                                                                          {"code", "the code"},
                                                                          {"redirect_uri", "http://app.test/cb"},
                                                                          {"client_id", "client id"},
                                                                          {"client_secret", "s3cret"},
                                                                          {"code_verifier", "verifier123"}});
    // Without a verifier none is sent.
    REQUIRE(p->fetch_token(http, "c", "", "http://app.test/cb").ok());
    CHECK(form_fields_of(http.requests().at(1).body).count("code_verifier") == 0);
  }

  TEST_CASE("a form-encoded token answer (GitHub without Accept) is read too") {
    fastcms::test::FakeHttpClient http;
    http.answer("https://idp.test/token", 200, "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer",
                "application/x-www-form-urlencoded; charset=utf-8");
    auto token = provider_for_test("github")->fetch_token(http, "c", "", "http://app.test/cb");
    if (!token.ok()) FAIL(token.error().message);
    CHECK(token->access_token == "gho_16C7e42F292c6912E7710c838347Ae178B4a");
    CHECK(token->expiry == "");
  }

  TEST_CASE("token exchange failures say why") {
    fastcms::test::FakeHttpClient http;
    auto p = provider_for_test("oidc");
    http.answer("https://idp.test/token", 400, R"({"error":"invalid_grant"})");
    auto refused = p->fetch_token(http, "c", "", "r");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("400") != std::string::npos);
    CHECK(refused.error().message.find("invalid_grant") != std::string::npos);
    http.answer("https://idp.test/token", 200, R"({"token_type":"Bearer"})");
    auto empty = p->fetch_token(http, "c", "", "r");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message == "oauth2: server response missing access_token");
    http.fail("https://idp.test/token", "Connection refused");
    auto down = p->fetch_token(http, "c", "", "r");
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().message.find("Connection refused") != std::string::npos);
  }

  TEST_CASE("the user info is a GET with the bearer token") {
    fastcms::test::FakeHttpClient http;
    http.answer("https://idp.test/userinfo", 200, R"({"sub":"u1","email":"a@b.c","email_verified":true})");
    oauth2::OAuth2Token token;
    token.access_token = "at";
    auto user = provider_for_test("oidc")->fetch_user(http, token);
    if (!user.ok()) FAIL(user.error().message);
    CHECK(user->id == "u1");
    CHECK(user->email == "a@b.c");
    auto sent = http.requests().at(0);
    CHECK(sent.method == "GET");
    CHECK(std::find(sent.headers.begin(), sent.headers.end(),
                    std::pair<std::string, std::string>{"Authorization", "Bearer at"}) != sent.headers.end());
    http.answer("https://idp.test/userinfo", 401, R"({"error":"invalid_token"})");
    CHECK_FALSE(provider_for_test("oidc")->fetch_user(http, token).ok());
    http.answer("https://idp.test/userinfo", 200, "[1,2]");
    CHECK_FALSE(provider_for_test("oidc")->fetch_user(http, token).ok());
  }

  TEST_CASE("github: a private email is the verified primary one of /user/emails") {
    fastcms::test::FakeHttpClient http;
    http.answer("https://idp.test/userinfo", 200, R"({"login":"octocat","id":1,"email":null})");
    http.answer("https://idp.test/userinfo/emails", 200,
                R"([{"email":"old@example.com","verified":true,"primary":false},
                    {"email":"unverified@example.com","verified":false,"primary":true},
                    {"email":"octocat@example.com","verified":true,"primary":true}])");
    oauth2::OAuth2Token token;
    token.access_token = "at";
    auto user = provider_for_test("github")->fetch_user(http, token);
    if (!user.ok()) FAIL(user.error().message);
    CHECK(user->email == "octocat@example.com");
    // Without the scope to read emails, the user has no email (not an error).
    http.answer("https://idp.test/userinfo/emails", 403, R"({"message":"Resource not accessible"})");
    auto no_scope = provider_for_test("github")->fetch_user(http, token);
    if (!no_scope.ok()) FAIL(no_scope.error().message);
    CHECK(no_scope->email == "");
    http.answer("https://idp.test/userinfo/emails", 500, "oops");
    CHECK_FALSE(provider_for_test("github")->fetch_user(http, token).ok());
  }
}
