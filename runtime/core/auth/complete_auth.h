#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/auth/auth_response.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// A sign-in method has identified `record` (the FULL stored record) of `collection`; what
/// is left is the same for every method (password, otp, oauth2, magic link, sms, totp).
struct AuthAttempt {
  const collections::Collection* collection = nullptr;
  nlohmann::json record;
  /// The method that identified the record: "password", "otp", "oauth2", "magicLink",
  /// "sms", "totp". It becomes @request.context for the authRule and the MFA rule.
  std::string method;
  /// The `mfaId` the client passed (body or query) to finish a multi-factor sign-in, or "".
  std::string mfa_id;
  /// Extra `meta` for the response (OAuth2 puts the provider's user data here); null: none.
  nlohmann::json meta;
};

/// The `mfaId` a client passed to finish a multi-factor sign-in: the body's string member,
/// else the query parameter (the SDK moves unknown options to the query), else "".
std::string mfa_id_from(const nlohmann::json& body, const RequestContext& ctx);

/// The common end of every sign-in: the authRule (checked with @request.context = method),
/// then multi-factor auth (check_mfa in core/auth/mfa.h), then a new refreshable auth
/// token. Success is the AuthResponse PocketBase answers with 200, or, when another
/// method must follow, one whose needs_mfa() is true (401 {"mfaId"}; no token).
ApiResult<AuthResponse> complete_auth(db::Connection& db, const collections::Schema& schema, AuthAttempt attempt,
                                      const RequestContext& ctx, std::string_view project_secret);

}  // namespace fastcms::core::auth
