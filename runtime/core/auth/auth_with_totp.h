#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/auth/auth_response.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/auth-with-totp {mfaId, code} (fastcms): the second step of a
/// multi-factor sign-in, method "totp". The pending `_mfas` row `mfaId` (body or query)
/// names the record; `code` is a TOTP code of its confirmed enrollment (not replayable)
/// or one of its unused backup codes (then spent). Errors:
/// - `collection` not an auth collection: 404;
/// - body not an object or a member not a string: 400 form_errors::load_failed_message;
///   mfaId or code blank: 400 form_errors::validation_failed_message (validation_required);
/// - mfaId unknown or expired: 400 invalid_or_expired_mfa_message; it names another
///   collection or a record that no longer exists: 400 invalid_mfa_message;
/// - the record has no confirmed TOTP: 400 totp_not_enabled_message;
/// - a wrong, used or expired code: 400 invalid_totp_code_message;
/// then complete_auth (authRule with @request.context "totp", the MFA check, the token).
ApiResult<AuthResponse> auth_with_totp(db::Connection& db, const collections::Schema& schema,
                                       const collections::Collection& collection, const nlohmann::json& body,
                                       const RequestContext& ctx, std::string_view project_secret);

}  // namespace fastcms::core::auth
