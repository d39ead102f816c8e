#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/declared_schema.h"
#include "core/collections/schema_sync.h"
#include "db/connection.h"

namespace fastcms::core::migrations {

/// A migration computed from the difference between the collection files and the database.
struct AutoMigration {
  /// The collections it creates, alters or drops (with their change lines); `unmanaged`
  /// names the collections no file declares when they are kept.
  collections::SyncReport report;
  std::vector<std::string> up;    ///< plain SQL statements, in order: DDL, then `_collections` rows
  std::vector<std::string> down;  ///< plain SQL statements that reverse `up`
  /// Changes that would lose stored values (see data_losing_changes; also dropping a
  /// collection that has records), one line each, for the caller to refuse or confirm.
  std::vector<std::string> data_loss;

  bool empty() const { return up.empty(); }
};

/// Plans, without changing the database, the migration that brings it to `definitions`
/// (parsed, validated collection files, see load_collection_files) as
/// sync_collection_files would: the same DDL (planned by plan_table; tables before views,
/// rebuilds that copy rows), plus the `_collections` rows written as literal SQL so that
/// replaying `up` leaves the same definitions the server reads. `down` is planned the same
/// way from the changed state back to the stored definitions (a dropped field comes back
/// empty). Stored collections no file declares are dropped, or left as they are (and named
/// in report.unmanaged) when `undeclared` is kept. Works by applying both directions in a
/// transaction that is always rolled back. An empty result means the database already
/// matches. Errors are those of resolve_declared_schema and of the planner.
Result<AutoMigration> plan_auto_migration(
    db::Connection& conn, const std::vector<nlohmann::json>& definitions,
    collections::UndeclaredCollections undeclared = collections::UndeclaredCollections::dropped);

}  // namespace fastcms::core::migrations
