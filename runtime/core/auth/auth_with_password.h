#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/auth/auth_response.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/auth-with-password, body {identity, password, identityField?}.
/// As PocketBase:
/// - `collection` not an auth collection: 404 "Missing or invalid auth collection context.";
/// - passwordAuth disabled: 403 "The collection is not configured to allow password authentication.";
/// - body not an object or a member of the wrong type: 400 form_errors::load_failed_message;
/// - identity/password blank or longer than 255, identityField not one of
///   passwordAuth.identityFields: 400 form_errors::validation_failed_message with per-key data;
/// - unknown identity or wrong password: 400 "Failed to authenticate." (no hint which; an
///   unknown identity costs the same bcrypt work as a wrong password);
/// - the authRule refuses the record (checked for `ctx`, with @request.context "password"):
///   403 auth_rule_refused_message.
/// Without identityField an email-looking identity is looked up by email first, then every
/// identity field is tried; each field is looked up through its unique index
/// (identity_lookup), case-insensitively when the index is COLLATE NOCASE.
/// Success: a new refreshable auth token and the full record.
ApiResult<AuthResponse> auth_with_password(db::Connection& db, const collections::Schema& schema,
                                           const collections::Collection& collection, const nlohmann::json& body,
                                           const RequestContext& ctx, std::string_view project_secret);

}  // namespace fastcms::core::auth
