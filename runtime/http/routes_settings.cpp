#include "http/routes_settings.h"

#include <mutex>

#include "core/auth/require_auth.h"
#include "core/files/s3_settings_probe.h"
#include "core/settings/public_settings.h"
#include "core/settings/settings_patch.h"
#include "core/settings/settings_store.h"

namespace fastcms::http {

void register_settings_routes(Router& router, core::App& app) {
  namespace settings = core::settings;
  router.add("GET", "/api/settings", [&app](ApiRequest& request) {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok())
      return ApiResponse::error(allowed.error());
    return ApiResponse::json(settings::public_settings(*app.settings()));
  });
  auto patch_mutex = std::make_shared<std::mutex>();
  router.add("PATCH", "/api/settings", [&app, patch_mutex](ApiRequest& request) {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok())
      return ApiResponse::error(allowed.error());
    std::lock_guard lock(*patch_mutex);  // one read-modify-write at a time
    auto next = settings::apply_settings_patch(*app.settings(), request.body);
    if (!next.ok()) return ApiResponse::error(next.error());
    if (auto saved = settings::save_settings(app.db(), *next); !saved.ok())
      return ApiResponse::error(core::ApiError::from(saved.error()));
    app.set_settings(*next);
    return ApiResponse::json(settings::public_settings(*next));
  });
  router.add("POST", "/api/settings/test/s3", [&app](ApiRequest& request) {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok())
      return ApiResponse::error(allowed.error());
    auto tested = core::files::probe_s3_settings(*app.settings(), request.body, app.http_client());
    if (!tested.ok()) return ApiResponse::error(tested.error());
    return ApiResponse::no_content();
  });
}

}  // namespace fastcms::http
