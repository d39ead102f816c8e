#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// Google's v1 userinfo: {id, name, email, verified_email, picture}.
class Google final : public Provider {
 public:
  explicit Google(const ProviderConfig& config)
      : Provider({"Google",
                  true,
                  {"https://www.googleapis.com/auth/userinfo.profile", "https://www.googleapis.com/auth/userinfo.email"},
                  "https://accounts.google.com/o/oauth2/v2/auth",
                  "https://oauth2.googleapis.com/token",
                  "https://www.googleapis.com/oauth2/v1/userinfo"},
                 config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "id");
    user.name = json_text(raw, "name");
    user.avatar_url = json_text(raw, "picture");
    if (json_truthy(raw, "verified_email")) user.email = json_text(raw, "email");
    user.raw_user = raw;
    return user;
  }
};

}  // namespace

std::unique_ptr<Provider> make_google_provider(const ProviderConfig& config) { return std::make_unique<Google>(config); }

}  // namespace fastcms::core::auth::oauth2
