#include "core/auth/oauth2/providers.h"

#include "common/datetime.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// GitLab's /api/v4/user: {id (number), name, username, email, avatar_url, confirmed_at};
/// the email counts only once confirmed.
class Gitlab final : public Provider {
 public:
  explicit Gitlab(const ProviderConfig& config)
      : Provider({"GitLab", true, {"read_user"}, "https://gitlab.com/oauth/authorize", "https://gitlab.com/oauth/token",
                  "https://gitlab.com/api/v4/user"},
                 config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "id");
    user.name = json_text(raw, "name");
    user.username = json_text(raw, "username");
    user.avatar_url = json_text(raw, "avatar_url");
    if (datetime::parse(json_text(raw, "confirmed_at"))) user.email = json_text(raw, "email");
    user.raw_user = raw;
    return user;
  }
};

}  // namespace

std::unique_ptr<Provider> make_gitlab_provider(const ProviderConfig& config) { return std::make_unique<Gitlab>(config); }

}  // namespace fastcms::core::auth::oauth2
