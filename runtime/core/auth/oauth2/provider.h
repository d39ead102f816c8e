#pragma once
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/http_client.h"

/// OAuth2 sign-in providers (google, github, gitlab, microsoft, apple, discord, oidc…): the
/// authorization URL, the code-for-token exchange and the user lookup, as PocketBase's
/// tools/auth providers do them.
namespace fastcms::core::auth::oauth2 {

/// One entry of a collection's `oauth2.providers`, with PocketBase's key names
/// (name, clientId, clientSecret, authURL, tokenURL, userInfoURL, displayName, pkce, extra).
struct ProviderConfig {
  std::string name, client_id, client_secret, auth_url, token_url, user_info_url, display_name;
  std::optional<bool> pkce;  ///< overrides the provider's default when set
  nlohmann::json extra = nlohmann::json::object();
};

/// What the token endpoint answered.
struct OAuth2Token {
  std::string access_token, refresh_token, id_token;
  std::string expiry;  ///< PocketBase datetime ("2024-01-02 03:04:05.000Z"), "" when unknown
  nlohmann::json raw = nlohmann::json::object();  ///< every member of the answer
};

/// The provider's user in PocketBase's AuthUser terms. `email` is set only when the
/// provider vouches for it (verified); `raw_user` is the provider's own JSON.
struct OAuth2User {
  std::string id, name, username, email, avatar_url;
  nlohmann::json raw_user = nlohmann::json::object();
};

/// What a kind of provider uses unless the collection's config says otherwise.
struct ProviderDefaults {
  std::string display_name;
  bool pkce = true;
  std::vector<std::string> scopes;
  std::string auth_url, token_url, user_info_url;
};

/// How long each request to a provider may take.
inline constexpr std::chrono::seconds provider_request_timeout{30};

class Provider {
 public:
  /// `config` overrides `defaults` where it is set (non-empty URLs and display name, pkce).
  Provider(ProviderDefaults defaults, ProviderConfig config);
  virtual ~Provider() = default;

  const ProviderConfig& config() const { return config_; }
  const std::string& name() const { return config_.name; }
  const std::string& display_name() const { return settings_.display_name; }
  bool pkce() const { return settings_.pkce; }
  const ProviderDefaults& settings() const { return settings_; }

  /// authURL + "?" (or "&") + client_id, code_challenge, code_challenge_method,
  /// response_type=code, scope (space-separated), state and `extra` params, keys sorted as
  /// Go's url.Values.Encode sorts them. No redirect_uri: the caller appends it.
  std::string build_auth_url(std::string_view state,
                             std::vector<std::pair<std::string, std::string>> extra = {}) const;

  /// Exchanges `code` at the token URL: a form POST with grant_type=authorization_code,
  /// code, redirect_uri, client_id, client_secret and (when `code_verifier` is not empty)
  /// code_verifier. Fails on a transport error, a non-2xx answer or one without access_token.
  Result<OAuth2Token> fetch_token(HttpClient& http, std::string_view code, std::string_view code_verifier,
                                  std::string_view redirect_url) const;

  /// The user behind `token`: fetch_raw_user then map_user.
  Result<OAuth2User> fetch_user(HttpClient& http, const OAuth2Token& token) const;

  /// Maps the provider's user JSON to an OAuth2User (raw_user = `raw`).
  virtual OAuth2User map_user(const nlohmann::json& raw) const = 0;

 protected:
  /// The provider's user JSON; by default GET userInfoURL with the bearer access token.
  virtual Result<nlohmann::json> fetch_raw_user(HttpClient& http, const OAuth2Token& token) const;
  /// GET `url` with the bearer token; the JSON body of a 2xx answer, else an Error naming
  /// the status (`status_out` receives it when not null).
  Result<nlohmann::json> get_json(HttpClient& http, const std::string& url, const OAuth2Token& token,
                                  int* status_out = nullptr) const;

 private:
  ProviderConfig config_;
  ProviderDefaults settings_;
};

/// The string member `key` of `object`, a number written as text, or "".
std::string json_text(const nlohmann::json& object, const char* key);
/// Whether member `key` is true or a string that means true ("true", "1"), as Go's cast.ToBool.
bool json_truthy(const nlohmann::json& object, const char* key);

}  // namespace fastcms::core::auth::oauth2
