#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/app/app.h"
#include "project/project.h"

/// What a backup holds and where it comes from. The archive is PocketBase's layout (the
/// data folder's content at the root of a zip: the database, storage/, …; never backups/)
/// plus the project files under `_project/` and a manifest, fastcms_manifest.json.
namespace fastcms::core::backups {

/// The manifest's name inside an archive.
inline constexpr const char* manifest_entry = "fastcms_manifest.json";
/// The folder of the project files (config, collections, migrations) inside an archive.
inline constexpr const char* project_prefix = "_project";

struct BackupLayout {
  std::filesystem::path root;      ///< the project folder
  std::filesystem::path data_dir;  ///< root/data
  /// The SQLite file relative to data_dir (e.g. "app.db"); also its name in the archive.
  std::filesystem::path database;
  /// data_dir/backups: where backups are stored, never archived.
  std::filesystem::path backups_dir() const { return data_dir / "backups"; }
};

/// The layout of `project`. Fails unless its database is a SQLite file inside data/.
Result<BackupLayout> backup_layout(const project::Project& project);

/// The layout of a running App, its database file read from SQLite (PRAGMA database_list).
Result<BackupLayout> backup_layout(App& app);

/// One file to archive: where it is and its name in the archive.
struct ArchiveSource {
  std::filesystem::path file;
  std::string entry;
};

/// The regular files to archive besides the database: everything under data/ except
/// backups/, lost+found, temp folders (".*.tmp-*"), the database and its -wal/-shm/-journal
/// files and the server lock; then fastcms.config.{json,yaml,yml}, app/collections/ and
/// app/migrations/ under `_project/`. Symbolic links are not followed nor archived.
Result<std::vector<ArchiveSource>> archive_sources(const BackupLayout& layout);

/// The top-level project items a backup may carry (relative to the project root).
const std::vector<std::filesystem::path>& project_items();

}  // namespace fastcms::core::backups
