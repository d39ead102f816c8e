#include "core/auth/auth_methods.h"
#include "core/auth/oauth2/oauth2_auth_methods.h"

#include <doctest/doctest.h>

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;

json methods_of(const char* definition) {
  auto collection = fastcms::core::collections::collection_from_json(json::parse(definition));
  if (!collection.ok()) FAIL(collection.error().message);
  auto r = auth::auth_methods(*collection);
  if (!r.ok()) return r.error().to_json();
  return *r;
}
}  // namespace

TEST_SUITE("auth methods") {
  TEST_CASE("PocketBase's shape with the legacy keys") {
    CHECK(methods_of(R"J({"name": "users", "type": "auth",
                         "fields": [{"name": "username", "type": "text"}],
                         "passwordAuth": {"enabled": true, "identityFields": ["email", "username"]}})J") ==
          json::parse(R"J({
            "password": {"identityFields": ["email", "username"], "enabled": true},
            "oauth2": {"providers": [], "enabled": false},
            "mfa": {"enabled": false, "duration": 0},
            "otp": {"enabled": false, "duration": 0},
            "magicLink": {"enabled": false, "duration": 0},
            "sms": {"enabled": false, "duration": 0},
            "authProviders": null, "usernamePassword": true, "emailPassword": true})J"));
  }

  TEST_CASE("defaults: password auth by email") {
    json methods = methods_of(R"J({"name": "users", "type": "auth"})J");
    CHECK(methods["password"] == json{{"identityFields", {"email"}}, {"enabled", true}});
    CHECK(methods["emailPassword"] == true);
    CHECK(methods["usernamePassword"] == false);
  }

  TEST_CASE("disabled password auth lists no identity fields") {
    json methods = methods_of(R"J({"name": "users", "type": "auth", "passwordAuth": {"enabled": false}})J");
    CHECK(methods["password"] == json{{"identityFields", json::array()}, {"enabled", false}});
    CHECK(methods["emailPassword"] == false);
    CHECK(methods["usernamePassword"] == false);
  }

  TEST_CASE("mfa reports the collection's options; its duration only while enabled") {
    CHECK(methods_of(R"J({"name": "users", "type": "auth", "mfa": {"enabled": true, "duration": 900}})J")["mfa"] ==
          json{{"enabled", true}, {"duration", 900}});
    CHECK(methods_of(R"J({"name": "users", "type": "auth", "mfa": {"enabled": true}})J")["mfa"] ==
          json{{"enabled", true}, {"duration", 600}});
    CHECK(methods_of(R"J({"name": "users", "type": "auth", "mfa": {"enabled": false, "duration": 900}})J")["mfa"] ==
          json{{"enabled", false}, {"duration", 0}});
  }

  TEST_CASE("otp, magicLink and sms report their options") {
    json methods = methods_of(R"J({"name": "users", "type": "auth",
        "otp": {"enabled": true, "duration": 120}, "magicLink": {"enabled": true}, "sms": {"enabled": true, "duration": 60}})J");
    CHECK(methods["otp"] == json{{"enabled", true}, {"duration", 120}});
    CHECK(methods["magicLink"] == json{{"enabled", true}, {"duration", 900}});
    CHECK(methods["sms"] == json{{"enabled", true}, {"duration", 60}});
  }

  TEST_CASE("oauth2 disabled: no providers, authProviders null") {
    json methods = methods_of(R"J({"name": "users", "type": "auth",
        "oauth2": {"enabled": false, "providers": [{"name": "google", "clientId": "x", "clientSecret": "y"}]}})J");
    CHECK(methods["oauth2"] == json{{"providers", json::array()}, {"enabled", false}});
    CHECK(methods["authProviders"].is_null());
  }

  TEST_CASE("oauth2 enabled: each provider with its state, PKCE pair and authURL") {
    json methods = methods_of(R"J({"name": "users", "type": "auth",
        "oauth2": {"enabled": true, "providers": [
          {"name": "google", "clientId": "gid", "clientSecret": "gs"},
          {"name": "oidc", "clientId": "oid", "clientSecret": "os", "displayName": "Acme SSO",
           "authURL": "https://sso.acme.test/auth", "tokenURL": "https://sso.acme.test/token",
           "userInfoURL": "https://sso.acme.test/me"},
          {"name": "github", "clientId": "hid", "clientSecret": "hs", "pkce": false}]}})J");
    REQUIRE(methods["oauth2"]["enabled"] == true);
    const json& providers = methods["oauth2"]["providers"];
    REQUIRE(providers.size() == 3);
    CHECK(methods["authProviders"] == providers);

    const json& google = providers[0];
    CHECK(google["name"] == "google");
    CHECK(google["displayName"] == "Google");
    const std::string state = google["state"];
    CHECK(state.size() == 30);
    const std::string verifier = google["codeVerifier"];
    CHECK(verifier.size() == 43);
    CHECK(google["codeChallenge"] == auth::oauth2::s256_challenge(verifier));
    CHECK(google["codeChallengeMethod"] == "S256");
    CHECK(google["authURL"] == "https://accounts.google.com/o/oauth2/v2/auth?client_id=gid&code_challenge=" +
                                   google["codeChallenge"].get<std::string>() +
                                   "&code_challenge_method=S256&response_type=code&scope=https%3A%2F%2Fwww.googleapis."
                                   "com%2Fauth%2Fuserinfo.profile%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo."
                                   "email&state=" + state + "&redirect_uri=");

    CHECK(providers[1]["displayName"] == "Acme SSO");
    CHECK(providers[1]["authURL"].get<std::string>().rfind("https://sso.acme.test/auth?client_id=oid&", 0) == 0);

    // Without PKCE the three PKCE values are empty strings and the URL has no challenge.
    const json& github = providers[2];
    CHECK(github["codeVerifier"] == "");
    CHECK(github["codeChallenge"] == "");
    CHECK(github["codeChallengeMethod"] == "");
    CHECK(github["authURL"].get<std::string>().find("code_challenge") == std::string::npos);
    CHECK(github["authURL"].get<std::string>().ends_with("&redirect_uri="));

    // Every call draws new states and verifiers.
    json again = methods_of(R"J({"name": "users", "type": "auth",
        "oauth2": {"enabled": true, "providers": [{"name": "google", "clientId": "gid", "clientSecret": "gs"}]}})J");
    CHECK(again["oauth2"]["providers"][0]["state"] != state);
    CHECK(again["oauth2"]["providers"][0]["codeVerifier"] != verifier);
  }

  TEST_CASE("the S256 challenge of RFC 7636's example verifier") {
    CHECK(auth::oauth2::s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
          "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  TEST_CASE("a non-auth collection is 404") {
    CHECK(methods_of(R"J({"name": "posts", "type": "base"})J") ==
          json{{"status", 404}, {"message", "Missing or invalid auth collection context."}, {"data", json::object()}});
  }
}
