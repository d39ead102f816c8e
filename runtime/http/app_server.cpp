#include "http/app_server.h"

#include "http/api_pipeline.h"
#include "http/routes_api_keys.h"
#include "http/routes_auth.h"
#include "http/routes_auth_mail.h"
#include "http/routes_backups.h"
#include "http/routes_batch.h"
#include "http/routes_collections.h"
#include "http/routes_file_token.h"
#include "http/routes_files.h"
#include "http/routes_health.h"
#include "http/routes_oauth2_redirect.h"
#include "http/routes_passwordless.h"
#include "http/routes_realtime.h"
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
  register_file_routes(*router, app);
  return router;
}

namespace {

core::realtime::TopicRules topic_rules_of(const core::App& app) {
  auto rules = core::realtime::TopicRules::from_config(app.options().realtime);
  return rules.ok() ? std::move(*rules) : core::realtime::TopicRules{};  // the config schema checked the shape
}

}  // namespace

AppServer::AppServer(core::App& app, ServerOptions options, core::realtime::HubOptions realtime)
    : app_(app),
      hub_(app, topic_rules_of(app), realtime),
      transport_([this](const std::string& client_id) { hub_.disconnect(client_id); }),
      server_(std::move(options)) {
  auto router = build_api_router(app_);
  register_realtime_routes(*router, hub_);
  mount_realtime_stream(server_.raw(), hub_, transport_);
  mount_router(server_.raw(), app_, router);
}

Result<int> AppServer::start(const std::string& host, int port) { return server_.start(host, port); }

void AppServer::stop() {
  server_.stop();
  hub_.close_all();
}

AppServer::~AppServer() {
  server_.stop();
  hub_.stop();
}

}  // namespace fastcms::http
