#include "core/auth/oauth2/id_token.h"
#include "core/auth/oauth2/providers.h"
#include "common/strings.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// Sign in with Apple. Apple has no user info endpoint: the user comes from the claims of
/// the id_token the token endpoint returns ({sub, email, email_verified}), checked against
/// Apple's issuer, the client id and Apple's published keys; the name only from the `user`
/// JSON Apple sends the first time ({"name":{"firstName","lastName"}}). The client secret
/// is the signed JWT the developer generates from their Apple key and configures as is.
class Apple final : public Provider {
 public:
  explicit Apple(const ProviderConfig& config)
      : Provider({"Apple", true, {"name", "email"}, "https://appleid.apple.com/auth/authorize",
                  "https://appleid.apple.com/auth/token", ""},
                 config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "sub");
    user.name = json_text(raw, "name");
    if (json_truthy(raw, "email_verified")) user.email = json_text(raw, "email");
    if (user.name.empty() && raw.contains("user") && raw["user"].is_object()) {
      const auto& name = raw["user"].value("name", nlohmann::json::object());
      user.name = strings::trim(json_text(name, "firstName") + " " + json_text(name, "lastName"));
    }
    user.raw_user = raw;
    return user;
  }

 protected:
  Result<nlohmann::json> fetch_raw_user(HttpClient& http, const OAuth2Token& token) const override {
    IdTokenChecks checks;
    checks.audience = config().client_id;
    checks.issuers = {"https://appleid.apple.com"};
    checks.jwks_url = json_text(config().extra, "jwksURL");
    if (checks.jwks_url.empty()) checks.jwks_url = "https://appleid.apple.com/auth/keys";
    auto claims = verified_id_token_claims(http, token.id_token, checks);
    if (!claims) return claims.error();
    if (std::string user = json_text(token.raw, "user"); !user.empty()) {
      auto parsed = nlohmann::json::parse(user, nullptr, false);
      if (parsed.is_object()) (*claims)["user"] = std::move(parsed);
    }
    return claims;
  }
};

}  // namespace

std::unique_ptr<Provider> make_apple_provider(const ProviderConfig& config) { return std::make_unique<Apple>(config); }

}  // namespace fastcms::core::auth::oauth2
