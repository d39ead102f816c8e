#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// Microsoft Graph /me: {id, displayName, mail}; the "common" tenant unless the config
/// names other URLs.
class Microsoft final : public Provider {
 public:
  explicit Microsoft(const ProviderConfig& config)
      : Provider({"Microsoft", true, {"User.Read"}, "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                  "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com/v1.0/me"},
                 config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "id");
    user.name = json_text(raw, "displayName");
    user.email = json_text(raw, "mail");
    user.raw_user = raw;
    return user;
  }
};

}  // namespace

std::unique_ptr<Provider> make_microsoft_provider(const ProviderConfig& config) {
  return std::make_unique<Microsoft>(config);
}

}  // namespace fastcms::core::auth::oauth2
