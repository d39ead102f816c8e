#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/auth_response.h"
#include "core/request_context.h"
#include "core/sms/sms_sender.h"

/// FastCMS's sign-in by a code sent by SMS (`request-sms-code`, `auth-with-sms`).
namespace fastcms::core::sms {

/// Wrong codes allowed per SMS code; the last one burns it.
inline constexpr long long max_sms_attempts = 5;

/// A text message carrying the code of `_smsCodes` record `code_id`, to send after the response.
struct PendingSms {
  std::string code_id;
  SmsMessage message;
};

/// What POST request-sms-code answers ({"smsId"}) and the message still to send.
struct SmsCodeRequest {
  std::string sms_id;
  std::optional<PendingSms> sms;
};

/// POST /api/collections/{c}/request-sms-code, body {phone}:
/// - not an auth collection: 404; sms.enabled false: 403 "The collection is not configured
///   to allow SMS authentication.";
/// - body not an object / phone not a string: 400 load_failed; phone blank, longer than 255
///   or not a phone number ("+" optional, then 6–15 digits): 400 validation_failed;
/// - sms.phoneField not a field of the collection: 400 naming the option;
/// - no record with that phone: a random, well-formed smsId after the same hashing work and
///   nothing to send (no enumeration);
/// - otherwise a `_smsCodes` record holding the bcrypt hash of sms.length random digits and
///   the message "your code is {code}" to the phone number.
/// Expired codes of the collection are deleted on the way.
ApiResult<SmsCodeRequest> request_sms_code(db::Connection& db, const collections::Schema& schema,
                                           const collections::Collection& collection, const nlohmann::json& body);

/// Sends `pending` with `sender`; on failure the code is deleted and the failure returned.
Status deliver_pending_sms(db::Connection& db, const collections::Schema& schema, SmsSender& sender,
                           const PendingSms& pending);

/// POST /api/collections/{c}/auth-with-sms, body {smsId, code}: 404/403 as above; smsId
/// (1–255) and code (1–71) required: 400 validation_failed; an unknown id, a code of another
/// collection, an expired code (sms.duration), a missing record or a wrong code: 400
/// "Invalid or expired SMS code.". Each wrong code counts; the max_sms_attempts-th burns the
/// code (deleted: even the right code fails afterwards). On success the code is deleted
/// (single use) and complete_auth ends the sign-in with method "sms".
ApiResult<auth::AuthResponse> auth_with_sms(db::Connection& db, const collections::Schema& schema,
                                            const collections::Collection& collection, const nlohmann::json& body,
                                            const RequestContext& ctx, std::string_view project_secret);

}  // namespace fastcms::core::sms
