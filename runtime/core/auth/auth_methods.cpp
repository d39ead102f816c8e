#include "core/auth/auth_methods.h"

#include <algorithm>

#include "core/auth/auth_options.h"
#include "core/auth/auth_response.h"
#include "core/auth/oauth2/oauth2_auth_methods.h"

namespace fastcms::core::auth {
using nlohmann::json;

ApiResult<json> auth_methods(const collections::Collection& collection) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto password = password_auth_options(collection);
  auto mfa = mfa_options(collection);
  json identity_fields = password.enabled ? json(password.identity_fields) : json::array();
  auto has_identity = [&](const char* name) {
    return password.enabled && std::find(password.identity_fields.begin(), password.identity_fields.end(), name) !=
                                   password.identity_fields.end();
  };
  json oauth2 = oauth2::oauth2_auth_methods(collection);
  json legacy_providers = oauth2["enabled"] == true ? oauth2["providers"] : json(nullptr);
  return json{
      {"password", {{"identityFields", identity_fields}, {"enabled", password.enabled}}},
      {"oauth2", std::move(oauth2)},
      {"mfa", {{"enabled", mfa.enabled}, {"duration", mfa.enabled ? mfa.duration : 0}}},
      {"otp", {{"enabled", false}, {"duration", 0}}},
      {"authProviders", std::move(legacy_providers)},
      {"usernamePassword", has_identity("username")},
      {"emailPassword", has_identity("email")},
  };
}

}  // namespace fastcms::core::auth
