#include "core/auth/auth_methods.h"

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

  TEST_CASE("otp, magicLink and sms report their options; oauth2 and mfa disabled until implemented") {
    json methods = methods_of(R"J({"name": "users", "type": "auth",
        "oauth2": {"enabled": true, "providers": [{"name": "google", "clientId": "x", "clientSecret": "y"}]},
        "mfa": {"enabled": true, "duration": 600}, "otp": {"enabled": true, "duration": 120},
        "magicLink": {"enabled": true}, "sms": {"enabled": true, "duration": 60}})J");
    CHECK(methods["oauth2"] == json{{"providers", json::array()}, {"enabled", false}});
    CHECK(methods["mfa"] == json{{"enabled", false}, {"duration", 0}});
    CHECK(methods["otp"] == json{{"enabled", true}, {"duration", 120}});
    CHECK(methods["magicLink"] == json{{"enabled", true}, {"duration", 900}});
    CHECK(methods["sms"] == json{{"enabled", true}, {"duration", 60}});
    CHECK(methods["authProviders"].is_null());
  }

  TEST_CASE("a non-auth collection is 404") {
    CHECK(methods_of(R"J({"name": "posts", "type": "base"})J") ==
          json{{"status", 404}, {"message", "Missing or invalid auth collection context."}, {"data", json::object()}});
  }
}
