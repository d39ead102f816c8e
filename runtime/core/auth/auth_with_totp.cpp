#include "core/auth/auth_with_totp.h"

#include <chrono>

#include "core/auth/auth_options.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/code_form.h"
#include "core/auth/complete_auth.h"
#include "core/auth/mfa.h"
#include "core/auth/mfa_sessions.h"
#include "core/auth/totp_codes.h"
#include "core/auth/totp_management.h"

namespace fastcms::core::auth {
using nlohmann::json;

ApiResult<AuthResponse> auth_with_totp(db::Connection& db, const collections::Schema& schema,
                                       const collections::Collection& collection, const json& body,
                                       const RequestContext& ctx, std::string_view project_secret) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  json form_body = body;
  if (form_body.is_object() && !form_body.contains("mfaId")) form_body["mfaId"] = mfa_id_from(body, ctx);
  auto form = required_string_fields(form_body, {"mfaId", "code"});
  if (!form.ok()) return form.error();
  const std::string& mfa_id = form->at("mfaId");

  auto session = find_mfa_session(db, mfa_id);
  if (!session) return ApiError::internal();
  const std::chrono::seconds duration(mfa_options(collection).duration);
  if (!*session || (*session)->expired(duration, std::chrono::system_clock::now()))
    return ApiError::bad_request(invalid_or_expired_mfa_message);
  if ((*session)->collection_ref != collection.id) return ApiError::bad_request(invalid_mfa_message);
  auto record = find_record_by_id(db, collection, (*session)->record_ref);
  if (!record) return ApiError::internal();
  if (!*record) return ApiError::bad_request(invalid_mfa_message);

  auto enrollment = find_totp_enrollment(db, collection.id, (*session)->record_ref);
  if (!enrollment) return ApiError::internal();
  if (!*enrollment || !(*enrollment)->confirmed) return ApiError::bad_request(totp_not_enabled_message);
  auto spent = spend_totp_code(db, **enrollment, form->at("code"), AcceptedCodes::totp_or_backup);
  if (!spent.ok()) return spent.error();

  AuthAttempt attempt{&collection, std::move(**record), "totp", mfa_id, nullptr};
  return complete_auth(db, schema, std::move(attempt), ctx, project_secret);
}

}  // namespace fastcms::core::auth
