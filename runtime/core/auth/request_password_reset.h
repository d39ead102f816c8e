#pragma once
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/auth/record_mails.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/request-password-reset {email}:
/// - not an auth collection: 404; passwordAuth disabled: 400 "The collection is not
///   configured to allow password authentication.";
/// - body/email unreadable: 400 "An error occurred while loading the submitted data.";
///   email blank, too long or malformed: 400 "An error occurred while validating the
///   submitted data." with data.email;
/// - otherwise success whatever the address (no user enumeration): the reset mail goes only
///   to an existing record; a failed delivery is logged, never reported.
ApiStatus request_password_reset(db::Connection& db, const collections::Collection& collection,
                                 const nlohmann::json& body, const MailSetup& mail);

}  // namespace fastcms::core::auth
