#include "http/routes_health.h"

#include <httplib.h>

namespace fastcms::http {

void register_health_routes(ApiServer& server) {
  auto handler = [](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"message", "API is healthy."}, {"code", 200}, {"data", nlohmann::json::object()}});
  };
  server.raw().Get("/api/health", handler);
}

}  // namespace fastcms::http
