#include "http/routes_auth.h"

#include "core/auth/auth_methods.h"
#include "core/auth/auth_refresh.h"
#include "core/auth/auth_with_password.h"
#include "core/auth/impersonate.h"
#include "http/auth_route_helpers.h"

namespace fastcms::http {

void register_auth_routes(Router& router, core::App& app) {
  namespace auth = core::auth;
  using core::collections::Collection;
  router.add("GET", "/api/collections/{collection}/auth-methods",
             with_collection(app, [](core::App&, ApiRequest&, const Collection& c) {
               auto methods = auth::auth_methods(c);
               return methods.ok() ? ApiResponse::json(*methods) : ApiResponse::error(methods.error());
             }));
  router.add("POST", "/api/collections/{collection}/auth-with-password",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               request.ctx.info.context = "password";
               return auth_success(app, request,
                                   auth::auth_with_password(app.db(), *request.schema, c, request.body, request.ctx,
                                                            app.secret()));
             }));
  router.add("POST", "/api/collections/{collection}/auth-refresh",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               return auth_success(app, request,
                                   auth::auth_refresh(app.db(), *request.schema, c, request.ctx,
                                                      request.header("authorization"), app.secret()));
             }));
  router.add("POST", "/api/collections/{collection}/impersonate/{id}",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               return auth_success(app, request,
                                   auth::impersonate(app.db(), *request.schema, c, request.param("id"), request.body,
                                                     request.ctx, app.secret()));
             }));
}

}  // namespace fastcms::http
