#include "core/auth/totp_management.h"

#include <optional>

#include "common/base32.h"
#include "common/percent_encoding.h"
#include "common/random.h"
#include "core/auth/auth_response.h"
#include "core/auth/backup_codes.h"
#include "core/auth/code_form.h"
#include "core/auth/require_auth.h"
#include "core/auth/totp_codes.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr std::size_t totp_secret_bytes = 20;  // 160 bits, RFC 4226's recommendation

/// The requester's enrollment in `collection`, after the guards every endpoint shares.
ApiResult<std::optional<TotpEnrollment>> own_enrollment(db::Connection& db, const collections::Collection& collection,
                                                        const RequestContext& ctx) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  if (auto same = require_same_collection_auth(ctx, collection); !same.ok()) return same.error();
  auto enrollment = find_totp_enrollment(db, collection.id, ctx.auth_id());
  if (!enrollment) return ApiError::internal();
  return std::move(*enrollment);
}

std::string otpauth_uri(std::string_view app_name, std::string_view account, std::string_view secret) {
  const auto& p = enrollment_totp_params;
  std::string issuer = percent_encode(app_name);
  return "otpauth://totp/" + issuer + ":" + percent_encode(account) + "?secret=" + std::string(secret) +
         "&issuer=" + issuer + "&algorithm=" + std::string(totp::algorithm_name(p.algorithm)) +
         "&digits=" + std::to_string(p.digits) + "&period=" + std::to_string(p.period);
}

/// Spends `code` on `enrollment` and applies `then` to the spent enrollment, storing the
/// result, all in one transaction. The code's refusal is returned as is.
template <class Then>
ApiStatus spend_then(db::Connection& db, const TotpEnrollment& enrollment, std::string_view code,
                     AcceptedCodes accepted, Then then) {
  std::optional<ApiError> refused;
  Status s = db.transaction([&](db::Connection& tx) -> Status {
    auto spent = spend_totp_code(tx, enrollment, code, accepted);
    if (!spent.ok()) {
      refused = spent.error();
      return Ok{};
    }
    return then(tx, *spent);
  });
  if (refused) return *refused;
  if (!s) return ApiError::internal();
  return Ok{};
}

}  // namespace

ApiResult<json> totp_setup(db::Connection& db, const collections::Collection& collection, const RequestContext& ctx,
                           std::string_view app_name) {
  auto existing = own_enrollment(db, collection, ctx);
  if (!existing.ok()) return existing.error();
  if (*existing && (*existing)->confirmed) return ApiError::bad_request(totp_already_enabled_message);
  TotpEnrollment enrollment;
  enrollment.collection_ref = collection.id;
  enrollment.record_ref = ctx.auth_id();
  enrollment.secret = base32::encode(random::bytes(totp_secret_bytes));
  auto stored = insert_totp_enrollment(db, std::move(enrollment));
  if (!stored) return ApiError::internal();
  auto email = ctx.info.auth.find("email");
  std::string account = email != ctx.info.auth.end() && email->is_string() ? email->get<std::string>() : "";
  if (account.empty()) account = ctx.auth_id();
  return json{{"secret", stored->secret}, {"uri", otpauth_uri(app_name, account, stored->secret)}};
}

ApiResult<json> totp_confirm(db::Connection& db, const collections::Collection& collection, const json& body,
                             const RequestContext& ctx) {
  auto existing = own_enrollment(db, collection, ctx);
  if (!existing.ok()) return existing.error();
  auto form = required_string_fields(body, {"code"});
  if (!form.ok()) return form.error();
  if (!*existing) return ApiError::bad_request(totp_no_setup_message);
  if ((*existing)->confirmed) return ApiError::bad_request(totp_already_enabled_message);
  auto codes = generate_backup_codes();
  auto confirmed = spend_then(db, **existing, form->at("code"), AcceptedCodes::totp_only,
                              [&](db::Connection& tx, TotpEnrollment spent) -> Status {
                                spent.confirmed = true;
                                spent.backup_code_hashes.clear();
                                for (const auto& code : codes) spent.backup_code_hashes.push_back(backup_code_hash(code));
                                return update_totp_enrollment(tx, spent);
                              });
  if (!confirmed.ok()) return confirmed.error();
  return json{{"backupCodes", codes}};
}

ApiStatus totp_disable(db::Connection& db, const collections::Collection& collection, const json& body,
                       const RequestContext& ctx) {
  auto existing = own_enrollment(db, collection, ctx);
  if (!existing.ok()) return existing.error();
  auto form = required_string_fields(body, {"code"});
  if (!form.ok()) return form.error();
  if (!*existing || !(*existing)->confirmed) return ApiError::bad_request(totp_not_enabled_message);
  return spend_then(db, **existing, form->at("code"), AcceptedCodes::totp_or_backup,
                    [](db::Connection& tx, const TotpEnrollment& spent) -> Status {
                      return delete_totp_enrollment(tx, spent.id);
                    });
}

}  // namespace fastcms::core::auth
