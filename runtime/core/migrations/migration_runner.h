#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/migrations/migration_file.h"
#include "db/connection.h"

/// Running migrations against a database whose system tables exist (ensure_system_tables).
/// Each migration runs in ONE transaction together with its `_migrations` row: when any
/// statement fails, nothing of that migration stays and the error names the file, the
/// statement and the database's message. Migrations applied earlier in the same run stay.
namespace fastcms::core::migrations {

/// One migration that ran.
struct MigrationRun {
  std::string version;
  std::string name;
  std::string label;  ///< its file, relative to the project root
  std::int64_t duration_ms = 0;
};

/// Applies the pending migrations of `files` (sorted by version, see load_migration_files)
/// in version order, up to and including `to` when given (which must be the version of
/// one of the files). Refuses to run anything while an applied migration is modified or its
/// file missing, naming each and `fastcms migrate repair`. A migration whose statements
/// leave a `_collections` definition unreadable fails like a failing statement. Returns
/// what ran (empty: nothing was pending).
Result<std::vector<MigrationRun>> migrate_up(db::Connection& conn, const std::vector<MigrationFile>& files,
                                             const std::optional<std::string>& to = std::nullopt);

/// Which applied migrations `migrate_down` undoes: the last `steps`, or every one after
/// version `to` ("0": all of them).
struct DownTarget {
  int steps = 1;
  std::optional<std::string> to;
};

/// Runs the down parts of the chosen applied migrations, newest first, each in one
/// transaction with the removal of its `_migrations` row. Checks every chosen migration
/// first and refuses (running nothing) when one has no file, a modified file or no down
/// part, naming it and the fix.
Result<std::vector<MigrationRun>> migrate_down(db::Connection& conn, const std::vector<MigrationFile>& files,
                                               const DownTarget& target);

/// Ok when every migration of `files` is applied and unchanged and no applied one lost its
/// file; else an error listing the others with their state and the commands that resolve
/// them (`fastcms migrate up`, `fastcms migrate repair`).
Status require_up_to_date(db::Connection& conn, const std::vector<MigrationFile>& files);

/// What repair did to one migration.
struct Repair {
  std::string version;
  std::string name;
  std::string action;  ///< "accepted the modified file" or "forgot the missing file"
};

/// Resolves drift deliberately, in one transaction: a modified migration's recorded
/// checksum becomes its file's (the edit is accepted, nothing is re-run); a migration
/// whose file is missing is removed from `_migrations` (nothing is undone). Returns what
/// it did (empty: nothing to repair).
Result<std::vector<Repair>> repair_migrations(db::Connection& conn, const std::vector<MigrationFile>& files);

}  // namespace fastcms::core::migrations
