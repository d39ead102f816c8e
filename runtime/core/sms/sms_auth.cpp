#include "core/sms/sms_auth.h"

#include <regex>

#include "common/random.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/complete_auth.h"
#include "core/auth/one_time_records.h"
#include "core/auth/password_hash.h"
#include "core/auth/passwordless_options.h"
#include "core/auth/form_rules.h"
#include "core/form_errors.h"
#include "core/sms/sms_codes_collection.h"

namespace fastcms::core::sms {
using nlohmann::json;

namespace {

constexpr int code_hash_cost = 8;
const char* const invalid_code = "Invalid or expired SMS code.";

ApiError sms_disabled() { return ApiError::forbidden("The collection is not configured to allow SMS authentication."); }

bool is_phone_number(const std::string& phone) {
  static const std::regex form(R"(^\+?[0-9]{6,15}$)");
  return std::regex_match(phone, form);
}

/// Takes one of the code's max_sms_attempts checks before the code is compared, so that
/// concurrent guesses cannot exceed the limit; false when none is left.
Result<bool> reserve_attempt(db::Connection& db, const collections::Collection& codes, const std::string& id) {
  const auto& d = db.dialect();
  const std::string attempts = d.quote_identifier("attempts");
  auto taken = db.exec("UPDATE " + d.quote_identifier(codes.name) + " SET " + attempts + " = " + attempts + " + 1 WHERE " +
                           d.quote_identifier("id") + " = " + d.placeholder(1) + " AND " + attempts + " < " +
                           d.placeholder(2),
                       {id, max_sms_attempts});
  if (!taken) return taken.error();
  return taken->changes == 1;
}

/// After a wrong code: deletes the code once its checks are used up.
Status burn_if_exhausted(db::Connection& db, const collections::Collection& codes, const std::string& id) {
  const auto& d = db.dialect();
  auto burnt = db.exec("DELETE FROM " + d.quote_identifier(codes.name) + " WHERE " + d.quote_identifier("id") + " = " +
                           d.placeholder(1) + " AND " + d.quote_identifier("attempts") + " >= " + d.placeholder(2),
                       {id, max_sms_attempts});
  if (!burnt) return burnt.error();
  return Ok{};
}

}  // namespace

ApiResult<SmsCodeRequest> request_sms_code(db::Connection& db, const collections::Schema& schema,
                                           const collections::Collection& collection, const json& body) {
  if (auto is_auth = auth::require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = auth::sms_options(collection);
  if (!options.enabled) return sms_disabled();
  auto form = auth::bind_string_form(body, {{"phone", true, 255}});
  if (!form.ok()) return form.error();
  const std::string& phone = form->at("phone");
  if (!is_phone_number(phone)) return auth::invalid_member("phone", form_errors::invalid_format());
  if (!collection.field(options.phone_field))
    return ApiError::bad_request("The collection's sms.phoneField \"" + options.phone_field +
                                 "\" is not one of its fields.");

  if (auto swept = auth::delete_expired_one_time_records(db, schema, sms_codes_collection_name, collection.id,
                                                         options.duration);
      !swept)
    return ApiError::internal();
  auto record = auth::find_record_by_field(db, collection, options.phone_field, phone);
  if (!record) return ApiError::internal();
  std::string code = random::digits(static_cast<size_t>(options.length));
  auto hash = auth::hash_password(code, code_hash_cost);  // also for unknown phones: the same work
  if (!hash) return ApiError::internal();
  if (!record->has_value()) return SmsCodeRequest{random::token(15), std::nullopt};

  auto stored = auth::insert_one_time_record(db, schema, sms_codes_collection_name, collection, **record,
                                             {{"password", *hash}, {"attempts", 0}}, phone);
  if (!stored) return ApiError::internal();
  std::string id = stored->value("id", "");
  return SmsCodeRequest{id, PendingSms{id, SmsMessage{phone, "your code is " + code}}};
}

Status deliver_pending_sms(db::Connection& db, const collections::Schema& schema, SmsSender& sender,
                           const PendingSms& pending) {
  Status sent = sender.send(pending.message);
  return auth::finish_one_time_delivery(db, schema, sms_codes_collection_name, pending.code_id, sent);
}

ApiResult<auth::AuthResponse> auth_with_sms(db::Connection& db, const collections::Schema& schema,
                                            const collections::Collection& collection, const json& body,
                                            const RequestContext& ctx, std::string_view project_secret) {
  if (auto is_auth = auth::require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = auth::sms_options(collection);
  if (!options.enabled) return sms_disabled();
  auto form = auth::bind_string_form(body, {{"smsId", true, 255}, {"code", true, 71}});
  if (!form.ok()) return form.error();

  auto code = auth::find_one_time_record(db, schema, sms_codes_collection_name, "id", form->at("smsId"));
  if (!code) return ApiError::internal();
  if (!code->has_value() || (*code)->value("collectionRef", "") != collection.id ||
      auth::one_time_record_expired(**code, options.duration))
    return ApiError::bad_request(invalid_code);
  auto record = auth::find_record_by_id(db, collection, (*code)->value("recordRef", ""));
  if (!record) return ApiError::internal();
  if (!record->has_value()) return ApiError::bad_request(invalid_code);
  auto codes = auth::one_time_collection(schema, sms_codes_collection_name);
  if (!codes) return ApiError::internal();
  const std::string id = (*code)->value("id", "");
  auto reserved = reserve_attempt(db, **codes, id);
  if (!reserved) return ApiError::internal();
  if (!*reserved) {
    if (!burn_if_exhausted(db, **codes, id)) return ApiError::internal();
    return ApiError::bad_request(invalid_code);
  }
  if (!auth::verify_password(form->at("code"), (*code)->value("password", ""))) {
    if (!burn_if_exhausted(db, **codes, id)) return ApiError::internal();
    return ApiError::bad_request(invalid_code);
  }

  auto consumed = auth::consume_one_time_record(db, schema, sms_codes_collection_name, id);
  if (!consumed) return ApiError::internal();
  if (!*consumed) return ApiError::bad_request(invalid_code);  // used or burnt by a concurrent request
  auth::AuthAttempt attempt{&collection, std::move(**record), "sms", auth::mfa_id_from(body, ctx), nullptr};
  return auth::complete_auth(db, schema, std::move(attempt), ctx, project_secret);
}

}  // namespace fastcms::core::sms
