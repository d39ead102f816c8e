#include "core/auth/auth_methods.h"

#include <algorithm>

#include "core/auth/auth_options.h"
#include "core/auth/auth_response.h"
#include "core/auth/oauth2/oauth2_auth_methods.h"
#include "core/auth/passwordless_options.h"

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
  // A method reports its duration only when enabled (0 otherwise), as PocketBase does.
  auto method = [](bool enabled, long long duration) {
    return json{{"enabled", enabled}, {"duration", enabled ? duration : 0}};
  };
  auto otp = otp_options(collection);
  auto magic_link = magic_link_options(collection);
  auto sms = sms_options(collection);
  return json{
      {"password", {{"identityFields", identity_fields}, {"enabled", password.enabled}}},
      {"oauth2", std::move(oauth2)},
      {"mfa", method(mfa.enabled, mfa.duration)},
      {"otp", method(otp.enabled, otp.duration)},
      {"magicLink", method(magic_link.enabled, magic_link.duration)},
      {"sms", method(sms.enabled, sms.duration)},
      {"authProviders", std::move(legacy_providers)},
      {"usernamePassword", has_identity("username")},
      {"emailPassword", has_identity("email")},
  };
}

}  // namespace fastcms::core::auth
