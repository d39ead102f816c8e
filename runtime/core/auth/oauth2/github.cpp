#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {

namespace {

/// GitHub's /user: {id (number), login, name, email, avatar_url}; a private email is looked
/// up as the verified primary one of /user/emails.
class Github final : public Provider {
 public:
  explicit Github(const ProviderConfig& config)
      : Provider({"GitHub",
                  true,  // GitHub ignores the PKCE parameters it does not support
                  {"read:user", "user:email"},
                  "https://github.com/login/oauth/authorize",
                  "https://github.com/login/oauth/access_token",
                  "https://api.github.com/user"},
                 config) {}

  OAuth2User map_user(const nlohmann::json& raw) const override {
    OAuth2User user;
    user.id = json_text(raw, "id");
    user.name = json_text(raw, "name");
    user.username = json_text(raw, "login");
    user.email = json_text(raw, "email");
    user.avatar_url = json_text(raw, "avatar_url");
    user.raw_user = raw;
    return user;
  }

 protected:
  Result<nlohmann::json> fetch_raw_user(HttpClient& http, const OAuth2Token& token) const override {
    auto raw = Provider::fetch_raw_user(http, token);
    if (!raw || !raw->is_object() || !json_text(*raw, "email").empty()) return raw;
    auto email = primary_email(http, token);
    if (!email) return email.error();
    if (!email->empty()) (*raw)["email"] = *email;
    return raw;
  }

 private:
  /// The verified primary address of /user/emails; "" when there is none or the token's
  /// scopes do not allow reading them (401, 403, 404).
  Result<std::string> primary_email(HttpClient& http, const OAuth2Token& token) const {
    int status = 0;
    auto emails = get_json(http, settings().user_info_url + "/emails", token, &status);
    if (status == 401 || status == 403 || status == 404) return std::string();
    if (!emails) return emails.error();
    if (!emails->is_array()) return Error::failure("github: /user/emails is not a list");
    for (const auto& e : *emails)
      if (json_truthy(e, "verified") && json_truthy(e, "primary")) return json_text(e, "email");
    return std::string();
  }
};

}  // namespace

std::unique_ptr<Provider> make_github_provider(const ProviderConfig& config) { return std::make_unique<Github>(config); }

}  // namespace fastcms::core::auth::oauth2
