#include "core/backups/app_backups.h"

#include <chrono>
#include <algorithm>
#include <filesystem>

#include "core/backups/active_backup.h"
#include "core/backups/backup_store.h"
#include "core/form_errors.h"

namespace fastcms::core::backups {

namespace {
ApiResult<CreatedBackup> write_named_backup(const BackupLayout& layout, const std::string& name,
                                            const std::filesystem::path& file);
}  // namespace

std::string app_backup_name(const App& app, std::string_view prefix) {
  auto settings = app.settings();
  std::string app_name = "fastcms";
  if (settings && settings->contains("meta") && (*settings)["meta"].contains("appName") &&
      (*settings)["meta"]["appName"].is_string())
    app_name = (*settings)["meta"]["appName"].get<std::string>();
  return default_backup_name(app_name, std::chrono::system_clock::now(), prefix);
}

ApiResult<CreatedBackup> create_app_backup(App& app, std::string name) {
  bool given = !name.empty();
  if (!given) name = app_backup_name(app);
  auto invalid = [](nlohmann::json item) {
    return ApiError::bad_request(form_errors::validation_failed_message, {{"name", std::move(item)}});
  };
  if (given && (name.size() > 150 || !is_valid_backup_name(name))) return invalid(form_errors::invalid_format());
  auto layout = backup_layout(app);
  if (!layout.ok()) return ApiError::from(layout.error());
  auto file = backup_file(*layout, name);
  if (!file.ok()) return invalid(form_errors::invalid_format());
  std::error_code ec;
  if (std::filesystem::exists(*file, ec))
    return invalid(form_errors::item("validation_backup_name_exists", "The backup file name is invalid or already exists."));
  return write_named_backup(*layout, name, *file);
}

ApiResult<CreatedBackup> create_scheduled_backup(App& app) {
  auto layout = backup_layout(app);
  if (!layout.ok()) return ApiError::from(layout.error());
  std::string name = app_backup_name(app, auto_backup_prefix);
  auto file = backup_file(*layout, name);
  if (!file.ok()) return ApiError::from(file.error());
  auto created = write_named_backup(*layout, name, *file);
  if (!created.ok()) return created;
  auto settings = app.settings();
  int keep = settings ? settings->value(nlohmann::json::json_pointer("/backups/cronMaxKeep"), 3) : 3;
  if (auto pruned = prune_auto_backups(*layout, std::max(keep, 1)); !pruned.ok()) return ApiError::from(pruned.error());
  return created;
}

namespace {

ApiResult<CreatedBackup> write_named_backup(const BackupLayout& layout, const std::string& name,
                                            const std::filesystem::path& file) {
  auto active = ActiveBackup::try_start(name);
  if (!active) return ApiError::bad_request(busy_message);
  auto created = create_backup(layout, file);
  if (!created.ok()) return ApiError::bad_request("Failed to create backup. " + created.error().message);
  return *created;
}

}  // namespace

}  // namespace fastcms::core::backups
