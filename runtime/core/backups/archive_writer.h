#pragma once
#include <cstdint>
#include <filesystem>

#include "common/error.h"
#include "common/progress.h"
#include "core/backups/backup_layout.h"

namespace fastcms::core::backups {

struct CreatedBackup {
  std::filesystem::path file;
  std::uint64_t size = 0;     ///< the zip's size in bytes
  std::size_t files = 0;      ///< files archived, the database included
  std::uint64_t content = 0;  ///< their total size before compression
};

/// Writes a backup of the project to `output` (a .zip): a snapshot of the database taken
/// with SQLite's online backup API (consistent while a server keeps writing), the files
/// archive_sources() lists and the manifest with each file's size and SHA-256. It is
/// written to a temp folder beside `output` and renamed into place, so `output` is
/// either absent or complete; an existing `output` is an error. `progress` gets bytes.
Result<CreatedBackup> create_backup(const BackupLayout& layout, const std::filesystem::path& output,
                                    const ProgressFn& progress = {});

}  // namespace fastcms::core::backups
