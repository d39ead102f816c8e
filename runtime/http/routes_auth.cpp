#include "http/routes_auth.h"

#include "core/auth/auth_methods.h"
#include "core/auth/auth_refresh.h"
#include "core/auth/auth_with_password.h"
#include "core/auth/auth_with_totp.h"
#include "core/auth/impersonate.h"
#include "core/auth/oauth2/auth_with_oauth2.h"
#include "core/auth/totp_management.h"
#include "core/mail/email_template.h"
#include "http/auth_route_helpers.h"

namespace fastcms::http {

namespace {

namespace auth = core::auth;

/// The project's name (settings meta.appName), as TOTP issuers and mails show it.
std::string app_name(const core::App& app) {
  auto settings = app.settings();
  return core::mail::meta_template_values(settings ? *settings : nlohmann::json::object()).at("APP_NAME");
}

}  // namespace

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
  router.add("POST", "/api/collections/{collection}/auth-with-totp",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               request.ctx.info.context = "totp";
               return auth_success(app, request,
                                   auth::auth_with_totp(app.db(), *request.schema, c, request.body, request.ctx,
                                                        app.secret()));
             }));
  router.add("POST", "/api/collections/{collection}/totp/setup",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               auto r = auth::totp_setup(app.db(), c, request.ctx, app_name(app));
               return r.ok() ? ApiResponse::json(*r) : ApiResponse::error(r.error());
             }));
  router.add("POST", "/api/collections/{collection}/totp/confirm",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               auto r = auth::totp_confirm(app.db(), c, request.body, request.ctx);
               return r.ok() ? ApiResponse::json(*r) : ApiResponse::error(r.error());
             }));
  router.add("POST", "/api/collections/{collection}/totp/disable",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               auto r = auth::totp_disable(app.db(), c, request.body, request.ctx);
               return r.ok() ? ApiResponse::no_content() : ApiResponse::error(r.error());
             }));
  router.add("POST", "/api/collections/{collection}/auth-with-oauth2",
             with_collection(app, [](core::App& app, ApiRequest& request, const Collection& c) {
               request.ctx.info.context = "oauth2";
               auto http = app.http_client();
               return auth_success(app, request,
                                   auth::oauth2::auth_with_oauth2(app.db(), *request.schema, c, request.body,
                                                                  request.ctx, app.secret(), *http,
                                                                  app.file_storage()));
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
