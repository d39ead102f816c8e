#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "db/connection.h"

/// The `_migrations` table (created by ensure_system_tables): one row per applied migration.
namespace fastcms::core::migrations {

struct AppliedMigration {
  std::string version;
  std::string name;
  std::string checksum;  ///< SHA-256 (hex) of the file as it was applied (or last repaired)
  std::string applied;   ///< when, "YYYY-MM-DD HH:MM:SS.mmmZ"
  std::int64_t duration_ms = 0;
};

/// Every applied migration, by version.
Result<std::vector<AppliedMigration>> load_applied_migrations(db::Connection& conn);

/// Records a migration as applied now.
Status record_applied(db::Connection& conn, const AppliedMigration& migration);

/// Forgets an applied migration (after its down part ran, or by repair).
Status forget_applied(db::Connection& conn, const std::string& version);

/// Replaces the recorded checksum of an applied migration (repair accepting an edit).
Status update_applied_checksum(db::Connection& conn, const std::string& version, const std::string& checksum);

}  // namespace fastcms::core::migrations
