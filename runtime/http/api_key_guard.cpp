#include "http/api_key_guard.h"

#include "core/auth/api_key_scopes.h"
#include "http/rate_limit_middleware.h"

namespace fastcms::http {

std::optional<ApiResponse> check_api_key_scopes(const ApiRequest& request, std::string_view route_pattern) {
  const auto& scopes = request.ctx.api_key_scopes;
  if (!scopes) return std::nullopt;
  // Realtime checks a key's scopes per subscribed collection (core/realtime/hub.h).
  if (route_pattern == "/api/realtime") return std::nullopt;
  auto tags = rate_limit_tags(request.method, route_pattern);
  std::string tag = tags.empty() ? std::string() : tags.front();
  if (tag == "list" || tag == "view" || tag == "create" || tag == "update" || tag == "delete") {
    std::string collection = request.param("collection");
    if (const auto* found = request.schema ? request.schema->find(collection) : nullptr) collection = found->name;
    bool read = tag == "list" || tag == "view";
    auto action = read ? core::auth::ScopeAction::read : core::auth::ScopeAction::write;
    if (core::auth::scopes_allow_records(*scopes, collection, action)) return std::nullopt;
    return ApiResponse::error(core::ApiError::forbidden("The API key has no \"" + collection + ":" +
                                                        (read ? "read" : "write") + "\" scope."));
  }
  if (core::auth::scopes_allow_everything(*scopes)) return std::nullopt;
  return ApiResponse::error(core::ApiError::forbidden(
      "The API key may only use the records endpoints of its scopes; this endpoint needs the \"*\" scope."));
}

}  // namespace fastcms::http
