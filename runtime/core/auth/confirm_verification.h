#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/confirm-verification {token}:
/// - not an auth collection: 404; _superusers: 400 "All superusers are verified by default.";
/// - body/token unreadable: 400 "An error occurred while loading the submitted data.";
/// - 400 "An error occurred while validating the submitted data." with data.token:
///   validation_required, validation_invalid_token_claims "Missing email token claim.",
///   validation_invalid_token, validation_token_collection_mismatch, or
///   validation_token_email_mismatch "The record email doesn't match with the requested token
///   claims." (the email changed since the token was issued);
/// - success: the record is verified (already verified: nothing changes). When password
///   sign-in is disabled the record also gets a random password, as PocketBase does against
///   pre-hijacking. Written with records::update_record as the system, in one transaction.
ApiStatus confirm_verification(db::Connection& db, const collections::Schema& schema,
                               const collections::Collection& collection, const nlohmann::json& body,
                               std::string_view project_secret);

}  // namespace fastcms::core::auth
