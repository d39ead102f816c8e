#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "db/connection.h"

/// The rows of `_totp` (see totp_collection.h): a record's TOTP secret and backup codes.
namespace fastcms::core::auth {

struct TotpEnrollment {
  std::string id;  ///< "" until stored
  std::string collection_ref;
  std::string record_ref;
  std::string secret;  ///< base32
  bool confirmed = false;
  std::vector<std::string> backup_code_hashes;  ///< the unused ones (backup_code_hash)
  std::int64_t last_used_step = 0;              ///< 0: no code used yet
};

/// The enrollment of record `record_id` of collection `collection_id`, or nullopt.
Result<std::optional<TotpEnrollment>> find_totp_enrollment(db::Connection& db, std::string_view collection_id,
                                                           std::string_view record_id);

/// Stores `enrollment` as a new row (replacing any row of the same record) and returns it
/// with its new id.
Result<TotpEnrollment> insert_totp_enrollment(db::Connection& db, TotpEnrollment enrollment);

/// Writes the secret, confirmed flag, backup codes and lastUsedStep of the stored row
/// `enrollment.id`.
Status update_totp_enrollment(db::Connection& db, const TotpEnrollment& enrollment);

Status delete_totp_enrollment(db::Connection& db, std::string_view id);

}  // namespace fastcms::core::auth
