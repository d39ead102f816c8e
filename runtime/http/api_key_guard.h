#pragma once

#include <optional>
#include <string_view>

#include "http/api_request.h"

namespace fastcms::http {

/// The scopes of an API key (request.ctx.api_key_scopes) applied to a matched route: the
/// records routes need COLLECTION:read (list, view) or COLLECTION:write (create, update,
/// delete) as core/auth/api_key_scopes.h grants them; every other route needs "*". A
/// refusal is 403 naming the scope to add. nullopt: allowed (or not an API key).
std::optional<ApiResponse> check_api_key_scopes(const ApiRequest& request, std::string_view route_pattern);

}  // namespace fastcms::http
