#include "http/routes_api_keys.h"

#include "core/auth/api_keys.h"

namespace fastcms::http {

void register_api_key_routes(Router& router, core::App& app) {
  namespace auth = core::auth;
  router.add("POST", "/api/api-keys", [&app](ApiRequest& request) {
    auto created = auth::create_api_key(app.db(), *request.schema, request.body, request.ctx);
    return created.ok() ? ApiResponse::json(*created) : ApiResponse::error(created.error());
  });
  router.add("GET", "/api/api-keys", [&app](ApiRequest& request) {
    auto keys = auth::list_api_keys(app.db(), request.ctx);
    return keys.ok() ? ApiResponse::json(*keys) : ApiResponse::error(keys.error());
  });
  router.add("DELETE", "/api/api-keys/{id}", [&app](ApiRequest& request) {
    auto revoked = auth::revoke_api_key(app.db(), request.ctx, request.param("id"));
    return revoked.ok() ? ApiResponse::no_content() : ApiResponse::error(revoked.error());
  });
}

}  // namespace fastcms::http
