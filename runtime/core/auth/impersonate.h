#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/auth/auth_response.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/impersonate/{id}, body {duration} (seconds; 0 or absent: the
/// collection's auth token duration). As PocketBase:
/// - guest: 401 "The request requires valid record authorization token.";
/// - not a superuser: 403 "The authorized record is not allowed to perform this action.";
/// - `collection` not an auth collection: 404 "Missing or invalid auth collection context.";
/// - no record `record_id`: 404;
/// - body not an object or duration not an integer: 400 form_errors::load_failed_message;
/// - negative duration: 400 form_errors::validation_failed_message, data.duration.
/// Success: a NON-refreshable auth token for the record (auth-refresh echoes it back rather
/// than extending it) and the full record.
ApiResult<AuthResponse> impersonate(db::Connection& db, const collections::Schema& schema,
                                    const collections::Collection& collection, std::string_view record_id,
                                    const nlohmann::json& body, const RequestContext& ctx,
                                    std::string_view project_secret);

}  // namespace fastcms::core::auth
