#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/background_tasks.h"
#include "core/app/app.h"
#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/system_tables.h"
#include "core/records/record_write.h"
#include "core/settings/settings_store.h"
#include "http/api_pipeline.h"
#include "http/app_server.h"
#include "support/recording_mailer.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace fastcms::test {

/// A real App for service and API tests: a SQLite database with the system collections and
/// the given collection definitions, stored settings with `settings` merged in, a
/// RecordingMailer installed, and the product's API router to send requests through
/// (handle_api_request: auth header → rules → services, without a socket).
class AppTestEnv {
 public:
  explicit AppTestEnv(const nlohmann::json& definitions, const nlohmann::json& settings = nlohmann::json::object(),
                      core::App::Options options = {}) {
    if (options.secret.empty()) options.secret = "app-test-env-secret-app-test-env-secret";
    options.root = dir_.path();
    app_ = std::make_unique<core::App>(open_test_sqlite(dir_ / "data.db"), std::move(options));
    auto& db = app_->db();
    if (auto st = core::collections::ensure_system_tables(db); !st.ok()) FAIL(st.error().message);
    std::vector<nlohmann::json> declared(definitions.begin(), definitions.end());
    if (auto r = core::collections::sync_collection_files(db, declared); !r.ok()) FAIL(r.error().message);
    auto schema = core::collections::load_schema(db);
    if (!schema.ok()) FAIL(schema.error().message);
    app_->set_schema(*schema);
    auto stored = core::settings::load_settings(db);
    if (!stored.ok()) FAIL(stored.error().message);
    nlohmann::json merged = *stored;
    merged.merge_patch(settings);
    app_->set_settings(merged);
    app_->set_mailer(mailer_);
    router_ = http::build_api_router(*app_);
  }
  ~AppTestEnv() { background::wait_idle(); }  // no delivery may outlive the database

  core::App& app() { return *app_; }
  db::Database& db() { return app_->db(); }
  std::shared_ptr<const core::collections::Schema> schema() { return app_->schema(); }
  const core::collections::Collection& collection(std::string_view name) {
    const auto* c = app_->schema()->find(name);
    REQUIRE_MESSAGE(c != nullptr, "no collection " << std::string(name));
    return *c;
  }
  RecordingMailer& mailer() { return *mailer_; }

  /// Creates a record through the records service (system context); returns it in full.
  nlohmann::json create(std::string_view collection_name, nlohmann::json body) {
    auto created = core::records::create_record(db(), *schema(), collection(collection_name),
                                                core::RequestContext::system(), body);
    if (!created.ok()) FAIL(created.error().describe());
    return *created;
  }

  /// Sends one request through the API router, then waits for the background deliveries it
  /// started (mails, text messages).
  http::ApiResponse send(const std::string& method, const std::string& path,
                         const nlohmann::json& body = nlohmann::json::object()) {
    http::ApiRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    auto response = http::handle_api_request(*app_, *router_, request);
    background::wait_idle();
    return response;
  }
  http::ApiResponse post(const std::string& path, const nlohmann::json& body) { return send("POST", path, body); }
  /// Sends a prepared request (query, headers, files) through the API router.
  http::ApiResponse send(http::ApiRequest request) {
    auto response = http::handle_api_request(*app_, *router_, request);
    background::wait_idle();
    return response;
  }

 private:
  TempDir dir_;
  std::unique_ptr<core::App> app_;
  std::shared_ptr<RecordingMailer> mailer_ = std::make_shared<RecordingMailer>();
  std::shared_ptr<http::Router> router_;
};

}  // namespace fastcms::test
