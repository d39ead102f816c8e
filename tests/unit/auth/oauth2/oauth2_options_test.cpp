#include "core/auth/oauth2/oauth2_options.h"

#include <doctest/doctest.h>

#include "core/collections/collection_draft.h"

namespace {
using nlohmann::json;
namespace oauth2 = fastcms::core::auth::oauth2;

json problems_as_json(const json& option) {
  json out = json::object();
  for (const auto& p : oauth2::oauth2_option_problems(option)) {
    std::string key;
    for (const auto& part : p.path) key += (key.empty() ? "" : ".") + part;
    out[key] = p.code + ": " + p.message;
  }
  return out;
}
}  // namespace

TEST_SUITE("oauth2 collection option") {
  TEST_CASE("an enabled option: known names, credentials, URLs, no duplicates") {
    json problems = problems_as_json(json::parse(R"J({"enabled": true, "providers": [
        {"name": "google", "clientId": "id", "clientSecret": "s"},
        {"name": "facebook", "clientId": "id", "clientSecret": "s"},
        {"name": "oidc", "authURL": "not a url", "tokenURL": "https://idp.test/token"},
        {"name": "google", "clientId": "id", "clientSecret": "s"},
        {"clientId": "id", "clientSecret": "s"}]})J"));
    CHECK(problems == json{
                          {"oauth2.providers.1.name", "validation_missing_provider: Invalid or missing provider with name facebook."},
                          {"oauth2.providers.2.clientId", "validation_required: Cannot be blank."},
                          {"oauth2.providers.2.clientSecret", "validation_required: Cannot be blank."},
                          {"oauth2.providers.2.authURL", "validation_is_url: Must be a valid URL."},
                          {"oauth2.providers.3.name", "validation_duplicated_provider: The provider google is already registered."},
                          {"oauth2.providers.4.name", "validation_required: Cannot be blank."},
                      });
  }

  TEST_CASE("a disabled option is not checked") {
    CHECK(oauth2::oauth2_option_problems(json::parse(R"J({"enabled": false, "providers": [{"name": "nope"}]})J")).empty());
  }

  TEST_CASE("the option read from a collection") {
    auto c = fastcms::core::collections::collection_from_json(json::parse(R"J({"name": "users", "type": "auth",
        "oauth2": {"enabled": true, "mappedFields": {"name": "name", "avatarURL": "avatar"},
          "providers": [{"name": "oidc2", "clientId": "a", "clientSecret": "b", "pkce": false,
                         "extra": {"jwksURL": "https://idp.test/jwks"}}]}})J"));
    if (!c.ok()) FAIL(c.error().message);
    auto options = oauth2::oauth2_options(*c);
    CHECK(options.enabled);
    REQUIRE(options.provider("oidc2") != nullptr);
    CHECK(options.provider("oidc") == nullptr);
    CHECK(options.provider("oidc2")->pkce == std::optional<bool>(false));
    CHECK(options.provider("oidc2")->extra["jwksURL"] == "https://idp.test/jwks");
    CHECK(options.mapped_fields.name == "name");
    CHECK(options.mapped_fields.avatar_url == "avatar");
    CHECK(options.mapped_fields.username == "");
  }

  TEST_CASE("a provider sent back without its secret keeps the stored one") {
    json stored = json::parse(R"J({"name": "users", "type": "auth", "oauth2": {"enabled": true,
        "providers": [{"name": "google", "clientId": "a", "clientSecret": "stored"}]}})J");
    json body = json::parse(R"J({"oauth2": {"providers": [{"name": "google", "clientId": "b"},
        {"name": "github", "clientId": "c"}]}})J");
    json draft = fastcms::core::collections::api_draft(body, &stored);
    CHECK(draft["oauth2"]["providers"][0]["clientSecret"] == "stored");
    CHECK(draft["oauth2"]["providers"][0]["clientId"] == "b");
    CHECK_FALSE(draft["oauth2"]["providers"][1].contains("clientSecret"));
  }
}
