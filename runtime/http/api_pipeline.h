#pragma once
#include "core/app/app.h"
#include "http/api_request.h"
#include "http/router.h"

namespace httplib {
class Server;
}

namespace fastcms::http {

/// Fills @request.* (method, headers, query) and the caller (from the Authorization
/// header; an invalid or expired token leaves a guest, like PocketBase, so endpoints that
/// need auth answer 401) into `request.ctx`.
void resolve_caller(core::App& app, ApiRequest& request);

/// Runs one request through the API: route, resolve_caller, the rate limits (429 with
/// Retry-After; batch sub-requests pass here too), handler (an exception becomes
/// PocketBase's generic 400), then the `fields` query parameter on a JSON success body.
ApiResponse handle_api_request(core::App& app, const Router& router, ApiRequest& request);

/// Serves every /api/ path of `server` through `router`.
void mount_router(httplib::Server& server, core::App& app, std::shared_ptr<const Router> router);

}  // namespace fastcms::http
