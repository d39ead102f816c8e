#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

/// Multi-factor sign-in, as PocketBase's checkMFA (apis/record_helpers.go), extended by
/// TOTP enrolment. MFA applies to a record when
/// - it has confirmed TOTP (whatever the collection's mfa options), or
/// - the collection's mfa.enabled is true and its mfa.rule ("" = every record) matches the
///   record for `ctx` (whose @request.context is the sign-in method).
namespace fastcms::core::auth {

inline constexpr const char* invalid_or_expired_mfa_message = "Invalid or expired MFA session.";
inline constexpr const char* invalid_mfa_message = "Invalid MFA session.";
inline constexpr const char* different_method_message = "A different authentication method is required.";
inline constexpr const char* totp_required_message = "A TOTP code is required to complete the sign-in.";

/// The MFA step of a sign-in in which `method` has identified `record` (full JSON) of
/// `collection`. Returns the mfaId to answer 401 {"mfaId"} with, or "" when the sign-in
/// may complete. Expired `_mfas` rows of the collection are deleted first.
/// - MFA does not apply, or `method` is "": "";
/// - no `mfa_id`: a new `_mfas` row (collectionRef, recordRef, method) → its id;
/// - `mfa_id` unknown or older than mfa.duration: 400 invalid_or_expired_mfa_message;
/// - the row names another record or collection: 400 invalid_mfa_message;
/// - the row's method is `method`: 400 different_method_message;
/// - the record has confirmed TOTP and neither method is "totp": 400 totp_required_message;
/// - otherwise the row is deleted (single use) → "".
/// An mfa.rule that fails to compile or to run: 400 "Failed to authenticate.".
ApiResult<std::string> check_mfa(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, const nlohmann::json& record,
                                 std::string_view method, std::string_view mfa_id, const RequestContext& ctx);

}  // namespace fastcms::core::auth
