#include "http/routes_realtime.h"

#include <httplib.h>

#include "core/auth/require_auth.h"
#include "core/form_errors.h"
#include "http/claiming_server.h"
#include "http/server.h"

namespace fastcms::http {

namespace {

namespace form_errors = core::form_errors;
using nlohmann::json;

std::string body_string(const ApiRequest& request, const char* key) {
  auto it = request.body.find(key);
  return it != request.body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// 400 with `data` naming each missing required key, or nullopt.
std::optional<ApiResponse> missing(const ApiRequest& request, std::initializer_list<const char*> keys) {
  json data = json::object();
  for (const char* key : keys)
    if (body_string(request, key).empty()) data[key] = form_errors::required();
  if (data.empty()) return std::nullopt;
  return ApiResponse::error(core::ApiError::bad_request(form_errors::validation_failed_message, data));
}

ApiResponse subscribe(core::realtime::Hub& hub, ApiRequest& request) {
  if (!request.body.is_object()) return ApiResponse::error(core::ApiError::bad_request(form_errors::load_failed_message));
  std::vector<std::string> subscriptions;
  if (auto it = request.body.find("subscriptions"); it != request.body.end() && !it->is_null()) {
    if (!it->is_array())
      return ApiResponse::error(core::ApiError::bad_request(form_errors::load_failed_message));
    for (const auto& item : *it) {
      if (!item.is_string()) return ApiResponse::error(core::ApiError::bad_request(form_errors::load_failed_message));
      subscriptions.push_back(item.get<std::string>());
    }
  }
  if (auto refused = missing(request, {"clientId"})) return std::move(*refused);
  auto status = hub.set_subscriptions(body_string(request, "clientId"), request.remote_ip, subscriptions, request.ctx,
                                      request.schema);
  if (!status.ok()) return ApiResponse::error(status.error());
  return ApiResponse::no_content();
}

ApiResponse broadcast(core::realtime::Hub& hub, ApiRequest& request) {
  if (!request.body.is_object()) return ApiResponse::error(core::ApiError::bad_request(form_errors::load_failed_message));
  if (auto refused = missing(request, {"channel", "event"})) return std::move(*refused);
  auto reached = hub.broadcast(body_string(request, "channel"), body_string(request, "event"),
                               request.body.value("data", json()), request.ctx);
  if (!reached.ok()) return ApiResponse::error(reached.error());
  return ApiResponse::json({{"delivered", *reached}});
}

ApiResponse presence(core::realtime::Hub& hub, ApiRequest& request) {
  if (!request.body.is_object()) return ApiResponse::error(core::ApiError::bad_request(form_errors::load_failed_message));
  if (auto refused = missing(request, {"clientId", "channel"})) return std::move(*refused);
  auto status = hub.update_presence(body_string(request, "clientId"), body_string(request, "channel"),
                                    request.body.value("state", json::object()), request.ctx);
  if (!status.ok()) return ApiResponse::error(status.error());
  return ApiResponse::no_content();
}

/// The response head of an SSE stream: no length, the connection closes when it ends.
std::string sse_head(const httplib::Response& res) {
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
      "X-Accel-Buffering: no\r\nConnection: close\r\n";
  for (const char* name : {"Access-Control-Allow-Origin", "Vary", "X-Request-Id"})
    if (res.has_header(name)) head += std::string(name) + ": " + res.get_header_value(name) + "\r\n";
  return head + "\r\n";
}

}  // namespace

void register_realtime_routes(Router& router, core::realtime::Hub& hub) {
  router.add("POST", "/api/realtime", [&hub](ApiRequest& request) { return subscribe(hub, request); });
  router.add("POST", "/api/realtime/broadcast", [&hub](ApiRequest& request) { return broadcast(hub, request); });
  router.add("POST", "/api/realtime/presence", [&hub](ApiRequest& request) { return presence(hub, request); });
  router.add("GET", "/api/realtime/stats", [&hub](ApiRequest& request) {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok())
      return ApiResponse::error(allowed.error());
    return ApiResponse::json(hub.stats());
  });
  router.add("DELETE", "/api/realtime/{clientId}", [&hub](ApiRequest& request) {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok())
      return ApiResponse::error(allowed.error());
    if (!hub.find(request.param("clientId"))) return ApiResponse::error(core::ApiError::not_found("Missing or invalid client id."));
    hub.disconnect(request.param("clientId"));
    return ApiResponse::no_content();
  });
}

void mount_realtime_stream(httplib::Server& server, core::realtime::Hub& hub, SseTransport& transport) {
  server.Get("/api/realtime", [&hub, &transport](const httplib::Request& req, httplib::Response& res) {
    SocketClaim* claim = current_socket_claim();
    if (!claim) return send_error(res, core::ApiError::internal());
    auto client = hub.connect(req.remote_addr);
    claim->take = [&transport, client, head = sse_head(res)](int fd) { transport.adopt(fd, client, head); };
    res.status = 200;
  });
}

}  // namespace fastcms::http
