#include "http/routes_backups.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "common/files.h"
#include "common/process_restart.h"
#include "core/auth/authenticate.h"
#include "core/auth/require_auth.h"
#include "core/backups/active_backup.h"
#include "core/backups/app_backups.h"
#include "core/backups/backup_store.h"
#include "core/backups/restore_swap.h"
#include "core/form_errors.h"

namespace fastcms::http {

namespace {

namespace fs = std::filesystem;
namespace backups = core::backups;
using core::ApiError;

constexpr const char* missing_backup_message = "Missing or invalid backup file.";

/// Runs `handler(layout)` for a superuser; everyone else gets PocketBase's 401/403.
template <class Handler>
ApiResponse as_superuser(core::App& app, ApiRequest& request, Handler&& handler) {
  if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok()) return ApiResponse::error(allowed.error());
  auto layout = backups::backup_layout(app);
  if (!layout.ok()) return ApiResponse::error(ApiError::from(layout.error()));
  return handler(*layout);
}

/// data/backups/{key} when it names an existing backup.
std::optional<fs::path> existing_backup(const backups::BackupLayout& layout, const std::string& key) {
  auto file = backups::backup_file(layout, key);
  std::error_code ec;
  if (!file.ok() || !fs::is_regular_file(*file, ec)) return std::nullopt;
  return *file;
}

/// The name an uploaded file is stored under: its own name lower-cased, anything outside
/// [a-z0-9_-] turned into '_', ".zip" kept.
std::string upload_name(const std::string& original) {
  std::string stem = fs::path(original).stem().string(), name;
  for (char c : stem) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    name += ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '-') ? lower : '_';
  }
  return (name.empty() ? "backup" : name) + ".zip";
}

ApiResponse upload(const backups::BackupLayout& layout, ApiRequest& request) {
  const UploadedFile* file = nullptr;
  for (const auto& f : request.files)
    if (f.field == "file") file = &f;
  auto invalid = [](nlohmann::json item) {
    return ApiResponse::error(ApiError::bad_request(core::form_errors::validation_failed_message, {{"file", item}}));
  };
  if (!file) return invalid(core::form_errors::required());
  if (!file->content.starts_with("PK\x03\x04"))
    return invalid(core::form_errors::item("validation_invalid_mime_type",
                                           "\"" + file->filename + "\" mime type must be one of: application/zip."));
  std::string name = upload_name(file->filename);
  auto target = backups::backup_file(layout, name);
  std::error_code ec;
  if (!target.ok() || fs::exists(*target, ec))
    return invalid(core::form_errors::item("validation_backup_name_exists",
                                           "The backup file name is invalid or already exists."));
  fs::create_directories(layout.backups_dir(), ec);
  if (auto st = fastcms::files::write_atomic(*target, file->content); !st.ok())
    return ApiResponse::error(ApiError::bad_request("Failed to upload the backup. " + st.error().message));
  return ApiResponse::no_content();
}

ApiResponse download(core::App& app, ApiRequest& request) {
  auto owner = core::auth::find_record_by_token(app.db(), *request.schema, request.query_value("token"),
                                                core::auth::TokenKind::file, app.secret());
  if (!owner.ok() || owner->collection->name != core::superusers_collection)
    return ApiResponse::error(ApiError::forbidden("Insufficient permissions to access the resource."));
  auto layout = backups::backup_layout(app);
  if (!layout.ok()) return ApiResponse::error(ApiError::from(layout.error()));
  std::string key = request.param("key");
  auto file = existing_backup(*layout, key);
  if (!file) return ApiResponse::error(ApiError::bad_request(missing_backup_message));
  auto content = fastcms::files::read(*file);
  if (!content.ok()) return ApiResponse::error(ApiError::from(content.error()));
  return ApiResponse::raw(200, "application/zip", std::move(*content))
      .with_header("Content-Disposition", "attachment; filename=\"" + key + "\"");
}

/// Verifies and swaps in `zip` with the database closed, then restarts the process; on
/// failure the previous data stays and the process restarts on it.
void restore_and_restart(core::App& app, backups::BackupLayout layout, fs::path zip,
                         std::shared_ptr<backups::ActiveBackup> active /* held until the restart */) {
  (void)active;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the 204 reach the client
  if (auto closed = app.db().close(); !closed.ok()) std::cerr << "restore: " << closed.error().message << std::endl;
  if (auto st = backups::restore_backup(layout, zip); !st.ok())
    std::cerr << "restore of " << zip.filename().string() << " failed: " << st.error().message << std::endl;
  else
    std::cerr << "Restored " << zip.filename().string() << "; restarting." << std::endl;
  auto restarted = restart_process();
  std::cerr << "restore: " << restarted.error().message << std::endl;
  std::_Exit(1);
}

}  // namespace

void register_backup_routes(Router& router, core::App& app) {
  router.add("GET", "/api/backups", [&app](ApiRequest& request) {
    return as_superuser(app, request, [](const backups::BackupLayout& layout) {
      auto stored = backups::list_backups(layout);
      if (!stored.ok()) return ApiResponse::error(ApiError::bad_request("Failed to retrieve backup items."));
      nlohmann::json items = nlohmann::json::array();
      for (const auto& b : *stored) items.push_back({{"key", b.key}, {"size", b.size}, {"modified", b.modified}});
      return ApiResponse::json(items);
    });
  });
  router.add("POST", "/api/backups", [&app](ApiRequest& request) {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok()) return ApiResponse::error(allowed.error());
    std::string name;
    if (request.body.contains("name")) {
      if (!request.body["name"].is_string())
        return ApiResponse::error(ApiError::bad_request(core::form_errors::validation_failed_message,
                                                        {{"name", core::form_errors::wrong_type("string")}}));
      name = request.body["name"].get<std::string>();
    }
    auto created = backups::create_app_backup(app, name);
    if (!created.ok()) return ApiResponse::error(created.error());
    return ApiResponse::no_content();
  });
  router.add("POST", "/api/backups/upload", [&app](ApiRequest& request) {
    return as_superuser(app, request, [&](const backups::BackupLayout& layout) { return upload(layout, request); });
  });
  router.add("GET", "/api/backups/{key}", [&app](ApiRequest& request) { return download(app, request); });
  router.add("DELETE", "/api/backups/{key}", [&app](ApiRequest& request) {
    return as_superuser(app, request, [&](const backups::BackupLayout& layout) {
      std::string key = request.param("key");
      if (backups::ActiveBackup::current() == key)
        return ApiResponse::error(
            ApiError::bad_request("The backup " + key + " is currently being used and cannot be deleted."));
      auto file = existing_backup(layout, key);
      std::error_code ec;
      if (!file || !fs::remove(*file, ec))
        return ApiResponse::error(ApiError::bad_request("Invalid or already deleted backup file."));
      return ApiResponse::no_content();
    });
  });
  router.add("POST", "/api/backups/{key}/restore", [&app](ApiRequest& request) {
    return as_superuser(app, request, [&](const backups::BackupLayout& layout) {
      auto file = existing_backup(layout, request.param("key"));
      if (!file) return ApiResponse::error(ApiError::bad_request(missing_backup_message));
      auto active = backups::ActiveBackup::try_start(request.param("key"));
      if (!active) return ApiResponse::error(ApiError::bad_request(core::backups::busy_message));
      auto held = std::make_shared<backups::ActiveBackup>(std::move(*active));
      std::thread(restore_and_restart, std::ref(app), layout, *file, held).detach();
      return ApiResponse::no_content();
    });
  });
}

}  // namespace fastcms::http
