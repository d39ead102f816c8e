#pragma once
#include <memory>

#include "common/error.h"
#include "core/app/app.h"
#include "core/collections/schema_sync.h"
#include "core/migrations/migration_runner.h"
#include "db/database.h"
#include "project/project.h"

namespace fastcms::core {

/// A project's App, ready to serve, and what starting it changed in the database.
struct OpenedApp {
  std::unique_ptr<App> app;
  collections::SyncReport sync;
  std::vector<migrations::MigrationRun> migrated;  ///< pending migrations applied at start
  std::string written_migration;  ///< dev: the migration written from changed collection files, or ""
};

/// Opens the database the project's config names (creating data/ if needed) and creates
/// the system tables: what commands that work on the database without serving it use.
Result<std::unique_ptr<db::Database>> open_project_database(const project::Project& project,
                                                             db::DatabaseOptions options = {});

/// Starts a project: checks the secret, opens the database (open_project_database),
/// applies the pending migrations of app/migrations (refusing to start when one fails or
/// an applied one drifted), then brings the tables to match the collection files: in dev
/// by writing and applying a migration (migrate_collection_files), otherwise in one
/// transaction without recording a migration (sync_collection_files); loads the
/// collections and settings into the App and gives it a SettingsMailer (SMTP when
/// enabled, data/mail in dev). Every failure names what to fix.
Result<OpenedApp> open_app(const project::Project& project, bool dev, db::DatabaseOptions options = {});

/// Re-reads the collections from the database into the App (after an API change).
Status reload_schema(App& app);

/// What reload_collections did.
struct ReloadReport {
  collections::SyncReport sync;
  std::string written_migration;  ///< dev: the migration written and applied, or ""
};

/// Reloads the collection files into a running App: validate, apply (in dev as a written
/// migration, see migrate_collection_files; else sync_collection_files), then swap the
/// App's schema. On failure the App keeps serving the previous schema.
Result<ReloadReport> reload_collections(App& app);

}  // namespace fastcms::core
