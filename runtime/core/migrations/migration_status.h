#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/migrations/migration_file.h"
#include "core/migrations/migration_history.h"

namespace fastcms::core::migrations {

/// Where one migration stands between its file and the `_migrations` table.
enum class MigrationState {
  applied,       ///< recorded, and the file still has the recorded checksum
  pending,       ///< a file not recorded yet
  modified,      ///< recorded, but the file changed since (checksum differs)
  missing_file,  ///< recorded, but no file has its version any more
};

/// "applied", "pending", "modified" or "missing-file": the words status prints.
const char* to_string(MigrationState state);

struct MigrationStatus {
  std::string version;
  std::string name;
  MigrationState state = MigrationState::pending;
  const MigrationFile* file = nullptr;                  ///< nullptr when missing
  std::optional<AppliedMigration> applied;              ///< the history row, when recorded
};

/// One entry per version found in the files or the history, by version.
/// The entries point into `files`, which must outlive them.
std::vector<MigrationStatus> migration_status(const std::vector<MigrationFile>& files,
                                              const std::vector<AppliedMigration>& applied);

/// The entries that block `up` (modified or missing-file).
std::vector<const MigrationStatus*> drifted(const std::vector<MigrationStatus>& status);

/// The `migrate status --json` document (documented in README "Migrations"):
/// {"migrations": [{version, name, state, file, checksum, hasDown, applied, appliedChecksum,
/// durationMs}], "summary": {applied, pending, modified, missingFile}, "collections": …}.
/// Unknown values (no file, not applied) are null. "collections" is `collection_changes`
/// (lines like "~ posts: added field x": what `migrate create --auto` would write; [] when
/// the files match the database), or null when not given (migrations not all applied).
nlohmann::json status_json(const std::vector<MigrationStatus>& status,
                           const std::optional<std::vector<std::string>>& collection_changes = std::nullopt);

}  // namespace fastcms::core::migrations
