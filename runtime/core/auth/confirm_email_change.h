#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/confirm-email-change {token, password}:
/// - not an auth collection: 404; _superusers: 400 "All superusers can change their emails
///   directly.";
/// - body unreadable: 400 "An error occurred while loading the submitted data.";
/// - 400 "An error occurred while validating the submitted data." with
///   data.token: validation_required, validation_invalid_token_payload "Invalid token payload -
///   newEmail must be set.", validation_invalid_token, validation_token_collection_mismatch,
///   validation_invalid_token_email "The new email address is invalid." (taken meanwhile);
///   data.password: validation_required, validation_length_out_of_range (1–100),
///   validation_invalid_password "Missing or invalid auth record password.";
/// - success: email = the token's newEmail and verified = true, through
///   records::update_record as the system (the new email gives the record a new tokenKey, so
///   earlier tokens stop working); a save failure is 400 "Failed to confirm email change.".
ApiStatus confirm_email_change(db::Connection& db, const collections::Schema& schema,
                               const collections::Collection& collection, const nlohmann::json& body,
                               std::string_view project_secret);

}  // namespace fastcms::core::auth
