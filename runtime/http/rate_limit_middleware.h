#pragma once
#include <optional>
#include <string_view>

#include "core/app/app.h"
#include "http/api_request.h"

namespace fastcms::http {

/// The route tags of a route pattern for the rate limits (see core/rate_limit/rate_limit_rules.h):
/// records list/view/create/update/delete; auth for every /api/collections/{collection}/
/// auth-*, request-*, confirm-* and impersonate route.
std::vector<std::string> rate_limit_tags(std::string_view method, std::string_view route_pattern);

/// True for the routes that name an account in their body (auth-with-*, request-*): they
/// are also counted per identity.
bool names_identity(std::string_view route_pattern);

/// Counts `request` (matched to `route_pattern`, caller resolved) against the App's current
/// settings.rateLimits; a refused request gets PocketBase's 429 "Too Many Requests." with
/// a Retry-After header (seconds). nullopt: go on.
std::optional<ApiResponse> apply_rate_limits(core::App& app, const ApiRequest& request,
                                             std::string_view route_pattern);

}  // namespace fastcms::http
