#include "core/auth/totp_codes.h"

#include <chrono>
#include <string>

#include "common/base32.h"
#include "core/auth/backup_codes.h"

namespace fastcms::core::auth {

namespace {

bool looks_like_totp(std::string_view code) {
  if (code.size() != static_cast<size_t>(enrollment_totp_params.digits)) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::optional<TotpEnrollment> spend_code(const TotpEnrollment& enrollment, std::string_view code,
                                         std::int64_t unix_seconds, AcceptedCodes accepted) {
  if (looks_like_totp(code)) {
    auto key = base32::decode(enrollment.secret);
    if (!key) return std::nullopt;
    auto step = totp::matching_step(*key, code, unix_seconds, enrollment_totp_params, enrollment.last_used_step);
    if (!step) return std::nullopt;
    TotpEnrollment spent = enrollment;
    spent.last_used_step = *step;
    return spent;
  }
  if (accepted != AcceptedCodes::totp_or_backup) return std::nullopt;
  long index = find_backup_code(enrollment.backup_code_hashes, code);
  if (index < 0) return std::nullopt;
  TotpEnrollment spent = enrollment;
  spent.backup_code_hashes.erase(spent.backup_code_hashes.begin() + index);
  return spent;
}

ApiResult<TotpEnrollment> spend_totp_code(db::Connection& db, const TotpEnrollment& enrollment, std::string_view code,
                                          AcceptedCodes accepted) {
  std::optional<TotpEnrollment> spent;
  Status s = db.transaction([&](db::Connection& tx) -> Status {
    auto current = find_totp_enrollment(tx, enrollment.collection_ref, enrollment.record_ref);
    if (!current) return current.error();
    if (!*current || (*current)->id != enrollment.id || (*current)->confirmed != enrollment.confirmed) return Ok{};
    spent = spend_code(**current, code, unix_now(), accepted);
    if (!spent) return Ok{};
    if (auto stored = update_totp_enrollment(tx, *spent); !stored) return stored;
    return Ok{};
  });
  if (!s) return ApiError::internal();
  if (!spent) return ApiError::bad_request(invalid_totp_code_message);
  return std::move(*spent);
}

}  // namespace fastcms::core::auth
