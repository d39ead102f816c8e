#include "http/routes_health.h"

#include "core/backups/active_backup.h"

namespace fastcms::http {

void register_health_routes(Router& router) {
  router.add("GET", "/api/health", [](ApiRequest& request) {
    nlohmann::json data = nlohmann::json::object();
    // Superusers also learn whether a backup could start now (no backup or restore running).
    if (request.ctx.is_superuser()) data["canBackup"] = core::backups::ActiveBackup::current().empty();
    return ApiResponse::json({{"message", "API is healthy."}, {"code", 200}, {"data", std::move(data)}});
  });
}

}  // namespace fastcms::http
