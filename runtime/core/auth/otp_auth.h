#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/auth_response.h"
#include "core/auth/pending_mail.h"
#include "core/request_context.h"

/// PocketBase's one-time passwords by email (`request-otp`, `auth-with-otp`).
namespace fastcms::core::auth {

/// What POST request-otp answers ({"otpId"}) and the mail still to send (none for an
/// unknown email, or when the last OTP is reused).
struct OtpRequest {
  std::string otp_id;
  std::optional<PendingMail> mail;
};

/// POST /api/collections/{c}/request-otp, body {email}. As PocketBase:
/// - not an auth collection: 404; otp.enabled false: 403 "The collection is not configured
///   to allow OTP authentication.";
/// - body not an object / email not a string: 400 load_failed; email blank, longer than
///   255 or not an email address: 400 validation_failed;
/// - an unknown email: a random, well-formed otpId after the same hashing work, and no mail;
/// - otherwise a new `_otps` record holding the bcrypt hash of otp.length random digits,
///   and its mail (otp.emailTemplate with {OTP}, {OTP_ID}, {APP_NAME}, {APP_URL}, the sender
///   from settings meta). Outside `dev`, when the record already has 10 or more unexpired
///   OTPs, the newest one's id is returned instead and nothing is sent.
/// Expired OTPs of the collection are deleted on the way.
ApiResult<OtpRequest> request_otp(db::Connection& db, const collections::Schema& schema,
                                  const collections::Collection& collection, const nlohmann::json& body,
                                  const nlohmann::json& settings, bool dev);

/// POST /api/collections/{c}/auth-with-otp, body {otpId, password}. 404/403/400 as
/// request_otp (otpId 1–255 and password 1–71 characters, both required); then an unknown
/// id, an OTP of another collection, an expired OTP (otp.duration), a missing auth record or
/// a wrong password (bcrypt, constant time): 400 "Invalid or expired OTP"; more than 5
/// checks for one auth record within 180 s: 429 "Too many attempts, please try again later
/// with a new OTP." (as PocketBase, in memory). On success the
/// OTP is deleted (single use; of two concurrent uses only one succeeds), the record
/// becomes verified when the OTP was mailed to its current email, and complete_auth ends
/// the sign-in with method "otp".
ApiResult<AuthResponse> auth_with_otp(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, const nlohmann::json& body,
                                      const RequestContext& ctx, std::string_view project_secret);

}  // namespace fastcms::core::auth
