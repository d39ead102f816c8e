#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace fastcms::core::auth {

/// A fastcms system collection (not in PocketBase): one row per auth record that set up TOTP.
inline constexpr std::string_view totp_collection_name = "_totp";
/// "pbc_" + CRC32("base_totp"), PocketBase's scheme for default ids.
inline constexpr std::string_view totp_collection_id = "pbc_195520500";

/// `_totp`: collectionRef, recordRef (unique together), secret (base32, hidden), confirmed,
/// backupCodes (hidden JSON array of the hashes of the unused backup codes), lastUsedStep
/// (the last TOTP time step accepted: codes of that step or earlier are refused), created,
/// updated. Every rule is null: only superusers reach it through the records API; the
/// TOTP endpoints are the way for its owners.
const nlohmann::json& totp_definition();

}  // namespace fastcms::core::auth
