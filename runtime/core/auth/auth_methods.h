#pragma once
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/collections/collection.h"

namespace fastcms::core::auth {

/// GET /api/collections/{c}/auth-methods, PocketBase's shape:
///   {"password":{"identityFields":[...],"enabled":bool},
///    "oauth2":{"providers":[…],"enabled":bool}, "mfa":{"enabled":bool,"duration":seconds},
///    "otp":{"enabled":bool,"duration":seconds}, "magicLink":{…}, "sms":{…} (FastCMS),
///    "authProviders":[…]|null, "usernamePassword":bool, "emailPassword":bool}
/// password comes from passwordAuth (identityFields empty when disabled); oauth2 as
/// oauth2::oauth2_auth_methods describes; mfa, otp, magicLink and sms from their options
/// (duration 0 while disabled, as PocketBase). The legacy keys are derived as
/// PocketBase does (authProviders: the oauth2 providers, null while oauth2 is disabled;
/// emailPassword/usernamePassword: password enabled with an email/username
/// identity field). 404 "Missing or invalid auth collection context." for a non-auth collection.
ApiResult<nlohmann::json> auth_methods(const collections::Collection& collection);

}  // namespace fastcms::core::auth
