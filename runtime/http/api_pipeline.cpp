#include "http/api_pipeline.h"

#include <httplib.h>

#include "core/auth/authenticate.h"
#include "core/records/field_projection.h"
#include "http/api_key_guard.h"
#include "http/rate_limit_middleware.h"
#include "http/request_reader.h"
#include "http/server.h"

namespace fastcms::http {

namespace {

void fill_request_info(ApiRequest& request) {
  auto& info = request.ctx.info;
  info.method = request.method;
  for (const auto& [name, value] : request.headers) info.headers.emplace(name, value);
  for (const auto& [name, value] : request.query) info.query.emplace(name, value);
}

void write_response(httplib::Response& res, ApiResponse&& response) {
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  if (response.raw_body) {
    res.status = response.status;
    res.body = std::move(*response.raw_body);  // files can be large: no copy
    if (!response.content_type.empty()) res.set_header("Content-Type", response.content_type);
    return;
  }
  if (response.status == 204) {
    res.status = 204;
    return;
  }
  send_json(res, response.status, response.body);
}

}  // namespace

void resolve_caller(core::App& app, ApiRequest& request) {
  if (!request.schema) request.schema = app.schema();
  std::string authorization = request.header("authorization");
  if (authorization.empty()) return;
  auto who = core::auth::authenticate(app.db(), *request.schema, authorization, app.secret());
  // Like PocketBase, an invalid or expired token makes a guest request; endpoints that
  // need auth answer 401.
  if (!who.ok()) return;
  if (who->claims.value("type", "") == "apiKey")
    request.ctx.api_key_scopes = who->claims.value("scopes", std::vector<std::string>{});
  core::auth::attach_auth(request.ctx, std::move(who->record), *who->collection);
}

ApiResponse handle_api_request(core::App& app, const Router& router, ApiRequest& request) {
  auto matched = router.match(request.method, request.path);
  if (auto* miss = std::get_if<Router::Miss>(&matched)) {
    if (*miss == Router::Miss::method_not_allowed)
      return ApiResponse::error({405, "Method not allowed.", nlohmann::json::object()});
    return ApiResponse::error(core::ApiError::not_found());
  }
  auto& match = std::get<Router::Match>(matched);
  request.path_params = std::move(match.params);
  fill_request_info(request);
  resolve_caller(app, request);
  if (auto limited = apply_rate_limits(app, request, match.pattern)) return std::move(*limited);
  if (auto refused = check_api_key_scopes(request, match.pattern)) return std::move(*refused);
  ApiResponse response;
  try {
    response = (*match.handler)(request);
  } catch (const std::exception&) {
    response = ApiResponse::error(core::ApiError::internal());
  }
  if (response.status < 400 && response.status != 204 && request.has_query("fields"))
    response.body = core::records::project_fields(response.body, request.query_value("fields"));
  return response;
}

void mount_router(httplib::Server& server, core::App& app, std::shared_ptr<const Router> router) {
  auto handler = [&app, router](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib hands handlers a const Request it no longer needs; reading it moves the
    // uploaded files' bytes out instead of copying them.
    auto request = read_request(const_cast<httplib::Request&>(req));
    if (!request.ok()) return send_error(res, request.error());
    write_response(res, handle_api_request(app, *router, *request));
  };
  const char* pattern = R"(/api/.*)";
  server.Get(pattern, handler);
  server.Post(pattern, handler);
  server.Patch(pattern, handler);
  server.Put(pattern, handler);
  server.Delete(pattern, handler);
}

}  // namespace fastcms::http
