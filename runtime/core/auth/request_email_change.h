#pragma once
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/auth/record_mails.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/request-email-change {newEmail}, by a record of `collection`:
/// - not an auth collection: 404; _superusers: 400 "All superusers can change their emails
///   directly."; a guest: 401, a record of another collection: 403 (require_same_collection_auth);
/// - body unreadable: 400 "An error occurred while loading the submitted data.";
/// - 400 "An error occurred while validating the submitted data." with data.newEmail:
///   validation_required, validation_length_out_of_range, validation_is_email,
///   validation_not_in_invalid "Must not be in list." (the current email), or
///   validation_invalid_new_email "Invalid new email address." (another record has it);
/// - the confirm-email-change mail (an emailChange token with newEmail) goes to the NEW
///   address; a failed delivery is 400 "Failed to request email change.".
ApiStatus request_email_change(db::Connection& db, const collections::Collection& collection,
                               const RequestContext& ctx, const nlohmann::json& body, const MailSetup& mail);

}  // namespace fastcms::core::auth
