#include "http/routes_oauth2_redirect.h"

#include "core/auth/oauth2/oauth2_redirect.h"

namespace fastcms::http {

namespace {

namespace oauth2 = core::auth::oauth2;

std::string body_text(const ApiRequest& request, const char* key) {
  auto it = request.body.find(key);
  return it != request.body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ApiResponse redirect_response(const oauth2::RedirectOutcome& outcome) {
  if (!outcome.location.empty()) return ApiResponse::redirect(outcome.location, outcome.status);
  return ApiResponse::raw(outcome.status, outcome.content_type, outcome.body);
}

}  // namespace

void register_oauth2_redirect_routes(Router& router, core::App& app) {
  router.add("GET", "/api/oauth2-redirect", [&app](ApiRequest& request) {
    oauth2::RedirectData data{request.query_value("state"), request.query_value("code"), request.query_value("error")};
    return redirect_response(oauth2::handle_oauth2_redirect(app.oauth2_redirects(), data, /*is_post=*/false));
  });
  router.add("POST", "/api/oauth2-redirect", [&app](ApiRequest& request) {
    oauth2::RedirectData data{body_text(request, "state"), body_text(request, "code"), body_text(request, "error")};
    return redirect_response(oauth2::handle_oauth2_redirect(app.oauth2_redirects(), data, /*is_post=*/true));
  });
}

}  // namespace fastcms::http
