#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/api_error.h"
#include "core/auth/totp.h"
#include "core/auth/totp_enrollments.h"
#include "db/connection.h"

/// Checking and spending the codes of a TOTP enrollment: TOTP codes (never twice, nor an
/// earlier step after a later one) and single-use backup codes.
namespace fastcms::core::auth {

inline constexpr const char* invalid_totp_code_message = "Invalid or expired TOTP code.";

/// The parameters of every enrollment, the ones authenticator apps assume: SHA1, 6 digits,
/// 30-second steps; codes of one step either side are accepted.
inline constexpr totp::Params enrollment_totp_params{};

enum class AcceptedCodes { totp_only, totp_or_backup };

/// `enrollment` as it must be stored once `code` is spent (lastUsedStep advanced to the
/// code's step, or the backup code removed), or nullopt when `code` is not a valid unused
/// code at `unix_seconds`.
std::optional<TotpEnrollment> spend_code(const TotpEnrollment& enrollment, std::string_view code,
                                         std::int64_t unix_seconds, AcceptedCodes accepted);

/// In one transaction: reloads the enrollment `enrollment` was read from, spends `code`
/// on it (spend_code, now) and stores the result, which it returns. 400
/// invalid_totp_code_message when the code is refused or the enrollment changed its
/// confirmed state or disappeared meanwhile.
ApiResult<TotpEnrollment> spend_totp_code(db::Connection& db, const TotpEnrollment& enrollment, std::string_view code,
                                          AcceptedCodes accepted);

}  // namespace fastcms::core::auth
