#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/confirm-password-reset {token, password, passwordConfirm}:
/// - not an auth collection: 404;
/// - body unreadable: 400 "An error occurred while loading the submitted data.";
/// - 400 "An error occurred while validating the submitted data." with every failing field:
///   token (validation_required, validation_invalid_token, validation_token_collection_mismatch),
///   password (validation_required, validation_length_out_of_range min–255 with min the
///   password field's min or 1), passwordConfirm (validation_required,
///   validation_values_mismatch "Values don't match.");
/// - the new password is stored through records::update_record as the system (so the password
///   field's own rules apply: 400 "Failed to set new password." with its errors) and with it a
///   new tokenKey, which invalidates every token issued before (auth and reset tokens alike).
///   An unverified record whose email still matches the token's becomes verified.
ApiStatus confirm_password_reset(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, const nlohmann::json& body,
                                 std::string_view project_secret);

}  // namespace fastcms::core::auth
