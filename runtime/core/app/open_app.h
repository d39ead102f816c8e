#pragma once
#include <memory>

#include "common/error.h"
#include "core/app/app.h"
#include "core/collections/schema_sync.h"
#include "db/database.h"
#include "project/project.h"

namespace fastcms::core {

/// A project's App, ready to serve, and what starting it changed in the database.
struct OpenedApp {
  std::unique_ptr<App> app;
  collections::SyncReport sync;
};

/// Starts a project: checks the secret, creates data/ if needed, opens the database its
/// config names, creates the system tables, brings the tables to match the collection
/// files (one transaction), loads the collections and settings into the App and gives it a
/// SettingsMailer (SMTP when enabled, data/mail in dev).
/// Every failure names what to fix.
Result<OpenedApp> open_app(const project::Project& project, bool dev, db::DatabaseOptions options = {});

/// Re-reads the collections from the database into the App (after an API change).
Status reload_schema(App& app);

/// Reloads the collection files into a running App: validate, sync (one transaction),
/// then swap the App's schema. On failure the App keeps serving the previous schema.
Result<collections::SyncReport> reload_collections(App& app);

}  // namespace fastcms::core
