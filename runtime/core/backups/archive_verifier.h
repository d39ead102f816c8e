#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/progress.h"
#include "core/backups/backup_manifest.h"

namespace fastcms::core::backups {

/// A backup that passed every check, extracted into `folder`.
struct VerifiedBackup {
  BackupManifest manifest;
  std::filesystem::path folder;
};

/// Why `name` may not be extracted (absolute, a `..` segment, a backslash or a drive
/// letter, empty), or nullopt when it is a safe relative path.
std::optional<std::string> unsafe_entry_reason(std::string_view name);

/// Checks the whole archive `zip` while extracting it into `folder` (created; must not
/// exist): zip integrity (libarchive's CRC checks, truncation), safe entry names, no links
/// of any kind, no entry twice, the manifest present and valid, every listed file present
/// with its size and SHA-256, no unlisted file, and PRAGMA integrity_check of the
/// database. Any failure is an Error naming the first problem; the caller removes `folder`.
Result<VerifiedBackup> verify_backup(const std::filesystem::path& zip, const std::filesystem::path& folder,
                                     const ProgressFn& progress = {});

}  // namespace fastcms::core::backups
