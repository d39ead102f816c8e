#include "core/auth/otp_auth.h"

#include "common/random.h"
#include "common/text_formats.h"
#include "core/auth/attempt_limiter.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/complete_auth.h"
#include "core/auth/one_time_records.h"
#include "core/auth/otps_collection.h"
#include "core/auth/password_hash.h"
#include "core/auth/passwordless_options.h"
#include "core/auth/form_rules.h"
#include "core/form_errors.h"
#include "core/mail/email_template.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr int otp_hash_cost = 8;  // PocketBase's cost for _otps.password
constexpr size_t otps_before_reuse = 10;
const char* const invalid_otp = "Invalid or expired OTP";

/// PocketBase's extra limit for OTP checks: 5 per auth record per 180 s.
AttemptLimiter& otp_attempts() {
  static AttemptLimiter limiter(5, std::chrono::seconds(180));
  return limiter;
}

ApiError otp_disabled() { return ApiError::forbidden("The collection is not configured to allow OTP authentication."); }

/// The newest unexpired OTP of `record` when it already has otps_before_reuse of them.
Result<std::optional<json>> otp_to_reuse(db::Connection& db, const collections::Schema& schema,
                                         const collections::Collection& collection, const json& record,
                                         long long duration) {
  auto existing = one_time_records_of(db, schema, otps_collection_name, collection.id, record.value("id", ""));
  if (!existing) return existing.error();
  size_t unexpired = 0;
  for (const auto& otp : *existing)
    if (!one_time_record_expired(otp, duration)) ++unexpired;
  if (unexpired < otps_before_reuse) return std::optional<json>();
  return std::optional<json>(existing->front());
}

}  // namespace

ApiResult<OtpRequest> request_otp(db::Connection& db, const collections::Schema& schema,
                                  const collections::Collection& collection, const json& body, const json& settings,
                                  bool dev) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = otp_options(collection);
  if (!options.enabled) return otp_disabled();
  auto form = bind_string_form(body, {{"email", true, 255}});
  if (!form.ok()) return form.error();
  const std::string& email = form->at("email");
  if (!text_formats::is_email_address(email)) return invalid_member("email", form_errors::invalid_email());

  if (auto swept = delete_expired_one_time_records(db, schema, otps_collection_name, collection.id, options.duration);
      !swept)
    return ApiError::internal();
  auto record = find_record_by_field(db, collection, "email", email, /*ignore_case=*/true);
  if (!record) return ApiError::internal();

  std::string code = random::digits(static_cast<size_t>(options.length));
  auto hash = hash_password(code, otp_hash_cost);  // also for unknown emails: the same work
  if (!hash) return ApiError::internal();
  if (!record->has_value()) return OtpRequest{random::token(15), std::nullopt};

  if (!dev) {
    auto reused = otp_to_reuse(db, schema, collection, **record, options.duration);
    if (!reused) return ApiError::internal();
    if (reused->has_value()) return OtpRequest{(*reused)->value("id", ""), std::nullopt};
  }
  const std::string email_to = (*record)->value("email", "");
  auto otp = insert_one_time_record(db, schema, otps_collection_name, collection, **record, {{"password", *hash}},
                                    email_to);
  if (!otp) return ApiError::internal();
  std::string otp_id = otp->value("id", "");
  auto message = mail::render_email_template(options.email_template, settings, email_to,
                                             {{"OTP", code}, {"OTP_ID", otp_id}});
  return OtpRequest{otp_id, PendingMail{std::string(otps_collection_name), otp_id, std::move(message)}};
}

ApiResult<AuthResponse> auth_with_otp(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, const json& body,
                                      const RequestContext& ctx, std::string_view project_secret) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = otp_options(collection);
  if (!options.enabled) return otp_disabled();
  auto form = bind_string_form(body, {{"otpId", true, 255}, {"password", true, 71}});
  if (!form.ok()) return form.error();

  auto otp = find_one_time_record(db, schema, otps_collection_name, "id", form->at("otpId"));
  if (!otp) return ApiError::internal();
  if (!otp->has_value() || (*otp)->value("collectionRef", "") != collection.id ||
      one_time_record_expired(**otp, options.duration))
    return ApiError::bad_request(invalid_otp);
  auto record = find_record_by_id(db, collection, (*otp)->value("recordRef", ""));
  if (!record) return ApiError::internal();
  if (!record->has_value()) return ApiError::bad_request(invalid_otp);
  if (!otp_attempts().allow((*record)->value("id", "")))
    return ApiError{429, "Too many attempts, please try again later with a new OTP.", json::object()};
  if (!verify_password(form->at("password"), (*otp)->value("password", ""))) return ApiError::bad_request(invalid_otp);

  auto consumed = consume_one_time_record(db, schema, otps_collection_name, (*otp)->value("id", ""));
  if (!consumed) return ApiError::internal();
  if (!*consumed) return ApiError::bad_request(invalid_otp);  // used by a concurrent request
  if (!verify_email_if_sent_to(db, collection, **record, (*otp)->value("sentTo", ""))) return ApiError::internal();

  AuthAttempt attempt{&collection, std::move(**record), "otp", mfa_id_from(body, ctx), nullptr};
  return complete_auth(db, schema, std::move(attempt), ctx, project_secret);
}

}  // namespace fastcms::core::auth
