#pragma once
#include <string_view>

#include "core/auth/auth_response.h"

namespace fastcms::core::auth {

/// POST /api/collections/{c}/auth-refresh for the requester `ctx` (attach_auth'ed from
/// `authorization`, the request's Authorization header value). As PocketBase:
/// - guest: 401 "The request requires valid record authorization token.";
/// - authenticated in another collection: 403 "The request requires auth record from <its
///   collection> collection.";
/// - the record is gone: 404 "Missing auth record context.";
/// - the authRule refuses the record: 403 auth_rule_refused_message.
/// A token whose claims say refreshable:true is replaced by a new one; any other (an
/// impersonation token) is echoed back unchanged. The record is re-read, so the response
/// reflects its current state.
ApiResult<AuthResponse> auth_refresh(db::Connection& db, const collections::Schema& schema,
                                     const collections::Collection& collection, const RequestContext& ctx,
                                     std::string_view authorization, std::string_view project_secret);

}  // namespace fastcms::core::auth
