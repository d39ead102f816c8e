#include "core/app/app.h"

#include "common/background_tasks.h"
#include "core/files/file_discard.h"
#include "core/files/storage_from_settings.h"

namespace fastcms::core {

App::App(std::unique_ptr<db::Database> database, Options options)
    : db_(std::move(database)),
      options_(std::move(options)),
      schema_(std::make_shared<const collections::Schema>()),
      settings_(std::make_shared<const nlohmann::json>(nlohmann::json::object())),
      http_client_(make_curl_http_client()),
      file_storage_(files::storage_from_settings(*settings_, options_.root, http_client_)) {
  discard_listener_ = files::remove_discarded_files(*db_, [this] { return file_storage(); });
}

App::~App() {
  db_->unlisten(discard_listener_);
  background::wait_idle();  // the removals of files discarded before, against this App's storage
}

std::shared_ptr<const collections::Schema> App::schema() const {
  std::lock_guard lock(mutex_);
  return schema_;
}

void App::set_schema(std::shared_ptr<const collections::Schema> schema) {
  std::lock_guard lock(mutex_);
  schema_ = std::move(schema);
}

std::shared_ptr<const nlohmann::json> App::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void App::set_settings(nlohmann::json settings) {
  auto next = std::make_shared<const nlohmann::json>(std::move(settings));
  std::lock_guard lock(mutex_);
  file_storage_ = files::storage_from_settings(*next, options_.root, http_client_);
  settings_ = std::move(next);
}

std::shared_ptr<mail::Mailer> App::mailer() const {
  std::lock_guard lock(mutex_);
  return mailer_;
}

void App::set_mailer(std::shared_ptr<mail::Mailer> mailer) {
  std::lock_guard lock(mutex_);
  mailer_ = std::move(mailer);
}

std::shared_ptr<HttpClient> App::http_client() const {
  std::lock_guard lock(mutex_);
  return http_client_;
}

void App::set_http_client(std::shared_ptr<HttpClient> client) {
  std::lock_guard lock(mutex_);
  http_client_ = std::move(client);
  file_storage_ = files::storage_from_settings(*settings_, options_.root, http_client_);
}

std::shared_ptr<files::FileStorage> App::file_storage() const {
  std::lock_guard lock(mutex_);
  return file_storage_;
}

void App::set_file_storage(std::shared_ptr<files::FileStorage> storage) {
  std::lock_guard lock(mutex_);
  file_storage_ = std::move(storage);
}

}  // namespace fastcms::core
