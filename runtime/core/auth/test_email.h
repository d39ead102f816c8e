#pragma once
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/auth/record_mails.h"
#include "core/collections/collection.h"

namespace fastcms::core::auth {

/// POST /api/settings/test/email {email, template, collection?} (the caller checks that the
/// requester is a superuser): sends one of the collection's mails — template
/// verification | password-reset | email-change | otp | login-alert — for a stand-in record
/// (every visible field "__pb_test_<name>__", the given email, a fresh tokenKey) of
/// `collection` (name or id; default _superusers) to `email`, through `mail.mailer`.
/// - body unreadable: 400 "An error occurred while loading the submitted data.";
/// - 400 "Failed to send the test email." with data.email (required, length, format),
///   data.template (validation_required, validation_in_invalid) or data.collection
///   (validation_invalid_auth_collection "Must be a valid auth collection id or name.");
/// - the transport failed: 400 "Failed to send the test email. Raw error: \n<its message>".
ApiStatus send_test_email(const collections::Schema& schema, const nlohmann::json& body, const MailSetup& mail);

}  // namespace fastcms::core::auth
