#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/backups/backup_layout.h"

/// The backups kept in data/backups: names, listing, lookup by key.
namespace fastcms::core::backups {

/// One stored backup as GET /api/backups lists it.
struct StoredBackup {
  std::string key;  ///< the file name
  std::uint64_t size = 0;
  std::string modified;  ///< "YYYY-MM-DD HH:MM:SS.mmmZ"
};

/// PocketBase's rule for a backup name given by a client: ^[a-z0-9_-]+\.zip$.
bool is_valid_backup_name(std::string_view name);

/// PocketBase's default name: `<prefix><app name as [a-z0-9_]>_<YYYYMMDDhhmmss>.zip`, with
/// prefix "pb_backup_" (manual) or "@auto_pb_backup_" (scheduled).
std::string default_backup_name(std::string_view app_name, std::chrono::system_clock::time_point when,
                                std::string_view prefix = "pb_backup_");

/// The prefix of scheduled backups; only those are pruned by cronMaxKeep.
inline constexpr std::string_view auto_backup_prefix = "@auto_pb_backup_";

/// The .zip files in data/backups, newest first (a missing folder lists nothing).
Result<std::vector<StoredBackup>> list_backups(const BackupLayout& layout);

/// data/backups/<key> when `key` is a plain .zip file name (no folder, not hidden); a
/// usage Error otherwise. Does not check that the file exists.
Result<std::filesystem::path> backup_file(const BackupLayout& layout, std::string_view key);

/// Deletes the oldest scheduled backups beyond the newest `keep`; returns how many.
Result<int> prune_auto_backups(const BackupLayout& layout, int keep);

}  // namespace fastcms::core::backups
