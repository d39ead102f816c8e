#pragma once
#include <filesystem>
#include <string>

#include "common/error.h"
#include "core/collections/schema_sync.h"
#include "db/connection.h"

namespace fastcms::core::migrations {

/// What migrate_collection_files did.
struct CollectionFileMigration {
  collections::SyncReport report;  ///< the collections changed (and those no file declares, left as they are)
  std::string written;             ///< the migration file written and applied; "" when nothing changed
};

/// `fastcms dev`'s way of applying the collection files: plans the migration from
/// app/collections to the database (plan_auto_migration, keeping collections no file
/// declares), and when there is a difference writes it to app/migrations and applies it
/// with migrate_up, so the change is recorded like any other migration. Refuses (changing
/// nothing) when a file does not validate, when migrations are pending or drifted (they
/// must be applied or repaired first), and when the change would lose data (naming each
/// loss and `fastcms migrate create NAME --auto --yes`). A written migration that fails to
/// apply is removed again.
Result<CollectionFileMigration> migrate_collection_files(db::Connection& conn, const std::filesystem::path& root);

/// What `fastcms migrate create NAME --auto` would write for the project now: the
/// collections whose files differ from the database (collections no file declares count
/// as dropped). Changes nothing. Errors: the collection files do not validate.
Result<collections::SyncReport> collection_drift(db::Connection& conn, const std::filesystem::path& root);

}  // namespace fastcms::core::migrations
