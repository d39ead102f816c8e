#include "http/routes_health.h"

namespace fastcms::http {

void register_health_routes(Router& router) {
  router.add("GET", "/api/health", [](ApiRequest&) {
    return ApiResponse::json({{"message", "API is healthy."}, {"code", 200}, {"data", nlohmann::json::object()}});
  });
}

}  // namespace fastcms::http
