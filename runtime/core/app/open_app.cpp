#include "core/app/open_app.h"

#include <filesystem>
#include <system_error>

#include "core/collections/collection_file.h"
#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "core/mail/settings_mailer.h"
#include "core/migrations/collection_file_migration.h"
#include "core/migrations/locked_database.h"
#include "core/migrations/migration_directory.h"
#include "core/settings/settings_store.h"
#include "db/open_database.h"

namespace fastcms::core {

namespace {

constexpr size_t min_secret_length = 32;

Status check_secret(const std::string& secret) {
  if (secret.empty())
    return Error::usage(
        "FASTCMS_SECRET is not set: tokens cannot be signed. Add a line FASTCMS_SECRET=<at least 32 random "
        "characters> to the project's .env (fastcms init writes one), or set it in the environment.");
  if (secret.size() < min_secret_length)
    return Error::usage("FASTCMS_SECRET is too short (" + std::to_string(secret.size()) + " characters): use at least " +
                        std::to_string(min_secret_length) + " random characters.");
  return Ok{};
}

Result<collections::SyncReport> sync_files(db::Connection& db, const std::filesystem::path& root) {
  auto files = collections::load_collection_files(root);
  if (!files.ok()) return files.error();
  std::vector<nlohmann::json> definitions;
  definitions.reserve(files->size());
  for (const auto& file : *files) definitions.push_back(file.definition);
  return collections::sync_collection_files(db, definitions);
}

}  // namespace

Status reload_schema(App& app) {
  auto schema = collections::load_schema(app.db());
  if (!schema.ok()) return schema.error();
  app.set_schema(std::move(*schema));
  return Ok{};
}

Result<std::unique_ptr<db::Database>> open_project_database(const project::Project& project,
                                                             db::DatabaseOptions options) {
  std::error_code ec;
  std::filesystem::create_directories(project.root / "data", ec);
  if (ec) return Error::failure("cannot create " + (project.root / "data").string() + ": " + ec.message());
  auto database = db::open_database(project.config.database_url, project.root, options);
  if (!database.ok()) return migrations::with_lock_hint(database.error());
  if (auto st = collections::ensure_system_tables(**database); !st.ok()) return migrations::with_lock_hint(st.error());
  return std::move(*database);
}

namespace {

/// Applies the collection files to the App's database the way its mode does.
Result<ReloadReport> apply_collection_files(App& app) {
  if (!app.options().dev) {
    auto sync = sync_files(app.db(), app.root());
    if (!sync.ok()) return sync.error();
    return ReloadReport{std::move(*sync), ""};
  }
  auto migrated = migrations::migrate_collection_files(app.db(), app.root());
  if (!migrated.ok()) return migrated.error();
  return ReloadReport{std::move(migrated->report), std::move(migrated->written)};
}

}  // namespace

Result<OpenedApp> open_app(const project::Project& project, bool dev, db::DatabaseOptions options) {
  if (auto ok = check_secret(project.config.secret); !ok.ok()) return ok.error();
  auto database = open_project_database(project, options);
  if (!database.ok()) return database.error();

  auto migration_files = migrations::load_migration_files(project.root);
  if (!migration_files.ok()) return migration_files.error();
  auto migrated = migrations::migrate_up(**database, *migration_files);
  if (!migrated.ok())
    return Error::failure("not starting: a migration could not be applied.\n" + migrated.error().message);

  App::Options app_options{project.root, project.config.secret, dev, project.config.origins, project.config.realtime};
  auto app = std::make_unique<App>(std::move(*database), std::move(app_options));
  auto report = apply_collection_files(*app);
  if (!report.ok()) return report.error();
  if (auto st = reload_schema(*app); !st.ok()) return st.error();
  auto settings = settings::load_settings(app->db());
  if (!settings.ok()) return settings.error();
  app->set_settings(std::move(*settings));
  app->set_mailer(std::make_shared<mail::SettingsMailer>(*app));
  return OpenedApp{std::move(app), std::move(report->sync), std::move(*migrated), std::move(report->written_migration)};
}

Result<ReloadReport> reload_collections(App& app) {
  auto report = apply_collection_files(app);
  if (!report.ok()) return report.error();
  if (auto st = reload_schema(app); !st.ok()) return st.error();
  return report;
}

}  // namespace fastcms::core
