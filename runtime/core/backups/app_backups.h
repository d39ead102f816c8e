#pragma once
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "core/app/app.h"
#include "core/backups/archive_writer.h"

/// Backups of a running App, as the API and the scheduler take them.
namespace fastcms::core::backups {

/// PocketBase's message while another backup or restore runs.
inline constexpr const char* busy_message = "Try again later - another backup/restore process has already been started.";

/// A default name for the App's backup: `prefix` + settings meta.appName + UTC time.
std::string app_backup_name(const App& app, std::string_view prefix = "pb_backup_");

/// Writes data/backups/`name` (default: app_backup_name()) while the App keeps serving.
/// 400 busy_message while another backup or restore runs; 400 "An error occurred while
/// validating the submitted data." with data.name for a bad or existing name; 400
/// "Failed to create backup." when writing fails.
ApiResult<CreatedBackup> create_app_backup(App& app, std::string name = "");

/// A scheduled backup: data/backups/@auto_pb_backup_<app>_<time>.zip, then only the
/// newest settings backups.cronMaxKeep scheduled backups are kept.
ApiResult<CreatedBackup> create_scheduled_backup(App& app);

}  // namespace fastcms::core::backups
