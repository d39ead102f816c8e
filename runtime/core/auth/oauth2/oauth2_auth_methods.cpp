#include "core/auth/oauth2/oauth2_auth_methods.h"

#include "common/base64.h"
#include "common/random.h"
#include "common/sha256.h"
#include "core/auth/oauth2/oauth2_options.h"
#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {
using nlohmann::json;

std::string s256_challenge(std::string_view verifier) { return base64::url_encode(sha256(verifier)); }

json oauth2_auth_methods(const collections::Collection& collection) {
  auto options = oauth2_options(collection);
  json providers = json::array();
  if (options.enabled) {
    for (const auto& config : options.providers) {
      auto provider = make_provider(config);
      if (!provider) continue;
      json info = {{"name", config.name},
                   {"displayName", provider->display_name().empty() ? config.name : provider->display_name()},
                   {"state", random::alphanumeric(30)},
                   {"codeVerifier", ""},
                   {"codeChallenge", ""},
                   {"codeChallengeMethod", ""}};
      std::vector<std::pair<std::string, std::string>> params;
      if (provider->pkce()) {
        const std::string verifier = random::alphanumeric(43);
        const std::string challenge = s256_challenge(verifier);
        info["codeVerifier"] = verifier;
        info["codeChallenge"] = challenge;
        info["codeChallengeMethod"] = "S256";
        params = {{"code_challenge", challenge}, {"code_challenge_method", "S256"}};
      }
      info["authURL"] = provider->build_auth_url(info["state"].get<std::string>(), std::move(params)) + "&redirect_uri=";
      providers.push_back(std::move(info));
    }
  }
  return {{"providers", std::move(providers)}, {"enabled", options.enabled}};
}

}  // namespace fastcms::core::auth::oauth2
