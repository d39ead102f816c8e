#include "http/app_server.h"

#include "http/api_pipeline.h"
#include "http/routes_api_keys.h"
#include "http/routes_auth.h"
#include "http/routes_auth_mail.h"
#include "http/routes_backups.h"
#include "http/routes_batch.h"
#include "http/routes_collections.h"
#include "http/routes_file_token.h"
#include "http/routes_health.h"
#include "http/routes_oauth2_redirect.h"
#include "http/routes_passwordless.h"
#include "http/routes_records.h"
#include "http/routes_settings.h"

namespace fastcms::http {

std::shared_ptr<Router> build_api_router(core::App& app) {
  auto router = std::make_shared<Router>();
  register_health_routes(*router);
  register_record_routes(*router, app);
  register_auth_routes(*router, app);
  register_auth_mail_routes(*router, app);
  register_oauth2_redirect_routes(*router, app);
  register_passwordless_routes(*router, app);
  register_collection_routes(*router, app);
  register_settings_routes(*router, app);
  register_batch_routes(*router, app);
  register_api_key_routes(*router, app);
  register_backup_routes(*router, app);
  register_file_token_routes(*router, app);
  return router;
}

AppServer::AppServer(core::App& app, ServerOptions options) : app_(app), server_(std::move(options)) {
  mount_router(server_.raw(), app_, build_api_router(app_));
}

Result<int> AppServer::start(const std::string& host, int port) { return server_.start(host, port); }

void AppServer::stop() { server_.stop(); }

}  // namespace fastcms::http
