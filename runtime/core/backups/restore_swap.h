#pragma once
#include <filesystem>

#include "common/error.h"
#include "common/progress.h"
#include "core/backups/backup_layout.h"

namespace fastcms::core::backups {

/// Restores the backup `zip` over the project: verify_backup() into a staging folder in
/// the project root first (nothing live is touched when a check fails), then a series of
/// renames: data/ is replaced by the archive's data (data/backups is carried over), and
/// each project item the archive holds (config, app/collections, app/migrations) replaces
/// the live one. The previous data and files are kept until every rename has succeeded;
/// on a failure the renames done so far are undone in reverse. The database must not be
/// open (stop the server, or close the App's database first); the caller holds
/// DataLock::for_restore when it is not the server itself.
Status restore_backup(const BackupLayout& layout, const std::filesystem::path& zip, const ProgressFn& progress = {});

}  // namespace fastcms::core::backups
