#pragma once
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/auth/record_mails.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/request-verification {email}:
/// - not an auth collection: 404 "Missing or invalid auth collection context.";
/// - _superusers: 400 "All superusers are verified by default.";
/// - body not an object or email not a string: 400 "An error occurred while loading the
///   submitted data."; email blank, too long or malformed: 400 "An error occurred while
///   validating the submitted data." with data.email;
/// - otherwise success whatever the address: the verification mail goes only to an
///   existing, unverified record (a failed delivery is logged, never reported, so that the
///   answer does not tell which addresses exist).
ApiStatus request_verification(db::Connection& db, const collections::Collection& collection,
                               const nlohmann::json& body, const MailSetup& mail);

}  // namespace fastcms::core::auth
