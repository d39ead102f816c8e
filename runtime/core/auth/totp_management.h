#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

/// The fastcms TOTP endpoints an authenticated record uses on itself, under
/// /api/collections/{c}/ (`collection` must be the requester's own auth collection):
/// - guest: 401 "The request requires valid record authorization token.";
/// - a record of another collection: 403 (require_same_collection_auth);
/// - `collection` not an auth collection: 404 "Missing or invalid auth collection context.".
namespace fastcms::core::auth {

inline constexpr const char* totp_already_enabled_message = "TOTP is already enabled for this account.";
inline constexpr const char* totp_not_enabled_message = "TOTP is not enabled for this account.";
inline constexpr const char* totp_no_setup_message = "There is no TOTP setup to confirm.";

/// POST totp/setup: a new secret (20 random bytes) for the requester, replacing an
/// unconfirmed one; 200 {"secret": base32, "uri": "otpauth://totp/{APP}:{email}?secret=…
/// &issuer={APP}&algorithm=SHA1&digits=6&period=30"} (APP and email percent-encoded).
/// 400 totp_already_enabled_message when TOTP is confirmed (disable it first).
ApiResult<nlohmann::json> totp_setup(db::Connection& db, const collections::Collection& collection,
                                     const RequestContext& ctx, std::string_view app_name);

/// POST totp/confirm {code}: a TOTP code of the pending setup enables it; 200
/// {"backupCodes": [10 single-use codes]}, the only time they are shown.
/// 400 totp_no_setup_message without a pending setup, totp_already_enabled_message when
/// confirmed, invalid_totp_code_message for a wrong code; blank code: 400 validation.
ApiResult<nlohmann::json> totp_confirm(db::Connection& db, const collections::Collection& collection,
                                       const nlohmann::json& body, const RequestContext& ctx);

/// POST totp/disable {code}: a TOTP code or an unused backup code removes the requester's
/// TOTP (204). 400 totp_not_enabled_message when it is not confirmed,
/// invalid_totp_code_message for a wrong code; blank code: 400 validation.
ApiStatus totp_disable(db::Connection& db, const collections::Collection& collection, const nlohmann::json& body,
                       const RequestContext& ctx);

}  // namespace fastcms::core::auth
