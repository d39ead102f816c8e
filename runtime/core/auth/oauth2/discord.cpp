#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// Discord's /users/@me: {id, username, discriminator, avatar (a hash), email, verified}.
class Discord final : public Provider {
 public:
  explicit Discord(const ProviderConfig& config)
      : Provider({"Discord", true, {"identify", "email"}, "https://discord.com/api/oauth2/authorize",
                  "https://discord.com/api/oauth2/token", "https://discord.com/api/users/@me"},
                 config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "id");
    user.username = json_text(raw, "username");
    user.name = user.username + "#" + json_text(raw, "discriminator");
    user.avatar_url = "https://cdn.discordapp.com/avatars/" + user.id + "/" + json_text(raw, "avatar") + ".png";
    if (json_truthy(raw, "verified")) user.email = json_text(raw, "email");
    user.raw_user = raw;
    return user;
  }
};

}  // namespace

std::unique_ptr<Provider> make_discord_provider(const ProviderConfig& config) {
  return std::make_unique<Discord>(config);
}

}  // namespace fastcms::core::auth::oauth2
