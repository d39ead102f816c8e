#include "common/strings.h"
#include "core/auth/oauth2/id_token.h"
#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// A generic OpenID Connect provider configured by authURL, tokenURL and userInfoURL. The
/// user comes from userInfoURL (standard claims: sub, name, preferred_username, picture,
/// email, email_verified), or without one from the id_token's claims (checked for the
/// client id; `extra.issuers` and `extra.jwksURL` add the issuer and signature checks).
class Oidc final : public Provider {
 public:
  explicit Oidc(const ProviderConfig& config) : Provider({"OIDC", true, {"openid", "email", "profile"}, "", "", ""}, config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "sub");
    user.name = json_text(raw, "name");
    user.username = json_text(raw, "preferred_username");
    user.avatar_url = json_text(raw, "picture");
    if (json_truthy(raw, "email_verified")) user.email = json_text(raw, "email");
    user.raw_user = raw;
    return user;
  }

 protected:
  Result<nlohmann::json> fetch_raw_user(HttpClient& http, const OAuth2Token& token) const override {
    if (!settings().user_info_url.empty()) return Provider::fetch_raw_user(http, token);
    IdTokenChecks checks;
    checks.audience = config().client_id;
    if (auto issuers = config().extra.find("issuers"); issuers != config().extra.end() && issuers->is_array())
      for (const auto& issuer : *issuers)
        if (issuer.is_string()) checks.issuers.push_back(issuer.get<std::string>());
    checks.jwks_url = json_text(config().extra, "jwksURL");
    return verified_id_token_claims(http, token.id_token, checks);
  }
};

}  // namespace

std::unique_ptr<Provider> make_oidc_provider(const ProviderConfig& config) { return std::make_unique<Oidc>(config); }

}  // namespace fastcms::core::auth::oauth2
