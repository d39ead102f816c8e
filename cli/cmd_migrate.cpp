// `fastcms migrate create | up | down | status | repair`: parse, call core/migrations, print.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/confirm.h"
#include "cli/output.h"
#include "cli/table.h"
#include "common/strings.h"
#include "core/app/open_app.h"
#include "core/collections/collection_file.h"
#include "core/migrations/auto_migration.h"
#include "core/migrations/collection_file_migration.h"
#include "core/migrations/migration_directory.h"
#include "core/migrations/migration_runner.h"
#include "core/migrations/migration_status.h"
#include "core/migrations/migration_writer.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

namespace migrations = core::migrations;

struct MigrateOptions {
  std::string name;
  bool auto_diff = false;
  bool yes = false;
  std::string to;
  int steps = 1;
  bool as_json = false;
};

/// The current project, its migration files and its database; the database is closed
/// after `work`.
template <class Work>
Status with_migrations(Work&& work) {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  auto files = migrations::load_migration_files(project->root);
  if (!files) return files.error();
  db::DatabaseOptions options;
  options.readers = 1;
  options.busy_timeout = std::chrono::milliseconds(2000);
  auto database = core::open_project_database(*project, options);
  if (!database) return database.error();
  if (auto done = work(*project, *files, **database); !done) return done;
  return (*database)->close();
}

void print_runs(const std::vector<migrations::MigrationRun>& runs, const char* verb) {
  for (const auto& r : runs) std::cout << verb << " " << r.label << " (" << r.duration_ms << " ms)\n";
}

Status run_create(const MigrateOptions& options) {
  auto name = migrations::snake_migration_name(options.name);
  if (!name) return name.error();
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  if (!options.auto_diff) {
    auto written = migrations::write_new_migration(project->root, *name, migrations::blank_migration_text(*name));
    if (!written) return written.error();
    std::cout << *written << "\n";
    print_hint("Write its statements after \"-- migrate:up\" (and the undo after \"-- migrate:down\"), then run "
               "`fastcms migrate up`.");
    return Ok{};
  }
  auto collection_files = core::collections::load_collection_files(project->root);
  if (!collection_files) return collection_files.error();
  std::vector<nlohmann::json> definitions;
  for (const auto& f : *collection_files) definitions.push_back(f.definition);
  return with_migrations([&](const project::Project&, const std::vector<migrations::MigrationFile>& files,
                             db::Connection& db) -> Status {
    if (auto st = migrations::require_up_to_date(db, files); !st)
      return Error::failure("cannot diff the collections against a database that is behind: " + st.error().message);
    auto planned = migrations::plan_auto_migration(db, definitions);
    if (!planned) return planned.error();
    if (planned->empty()) {
      std::cerr << "No differences between app/collections/ and the database: nothing written.\n";
      return Ok{};
    }
    if (!planned->data_loss.empty() && !options.yes) {
      const std::string losses = strings::join(planned->data_loss, "\n  ");
      if (!stdin_is_terminal())
        return Error::failure("the migration would lose data, so nothing was written:\n  " + losses +
                              "\nRun again with --yes to write it anyway, or change the collection files.");
      std::cerr << "The migration would lose data:\n  " << losses << "\n";
      if (!confirm("Write it anyway?")) return Error::failure("nothing was written (not confirmed)");
    }
    auto written = migrations::write_new_migration(project->root, *name, migrations::auto_migration_text(*name, *planned));
    if (!written) return written.error();
    std::cout << *written << "\n";
    std::cerr << core::collections::format_sync_report(planned->report);
    print_hint("Review it, then run `fastcms migrate up`.");
    return Ok{};
  });
}

Status run_up(const MigrateOptions& options) {
  return with_migrations([&](const project::Project&, const std::vector<migrations::MigrationFile>& files,
                             db::Connection& db) -> Status {
    auto ran = migrations::migrate_up(db, files, options.to.empty() ? std::nullopt : std::optional(options.to));
    if (!ran) return ran.error();
    if (ran->empty()) std::cerr << "Nothing to apply: the database is up to date.\n";
    print_runs(*ran, "applied");
    return Ok{};
  });
}

Status run_down(const MigrateOptions& options) {
  return with_migrations([&](const project::Project&, const std::vector<migrations::MigrationFile>& files,
                             db::Connection& db) -> Status {
    migrations::DownTarget target{options.steps, options.to.empty() ? std::nullopt : std::optional(options.to)};
    auto ran = migrations::migrate_down(db, files, target);
    if (!ran) return ran.error();
    if (ran->empty()) std::cerr << "Nothing to roll back: no migration is applied.\n";
    print_runs(*ran, "rolled back");
    return Ok{};
  });
}

/// The collection changes `migrate create --auto` would write, as lines; nullopt while
/// migrations are not all applied (the comparison would count theirs too).
Result<std::optional<std::vector<std::string>>> collection_change_lines(const project::Project& project,
                                                                        const std::vector<migrations::MigrationStatus>& status,
                                                                        db::Connection& db) {
  for (const auto& s : status)
    if (s.state != migrations::MigrationState::applied) return std::optional<std::vector<std::string>>{};
  auto drift = migrations::collection_drift(db, project.root);
  if (!drift) return drift.error();
  return std::optional(strings::split_trimmed(core::collections::format_sync_report(*drift), '\n'));
}

Status run_status(const MigrateOptions& options) {
  return with_migrations([&](const project::Project& project, const std::vector<migrations::MigrationFile>& files,
                             db::Connection& db) -> Status {
    auto applied = migrations::load_applied_migrations(db);
    if (!applied) return applied.error();
    const auto status = migrations::migration_status(files, *applied);
    auto changes = collection_change_lines(project, status, db);
    if (!changes) return changes.error();
    if (options.as_json) {
      std::cout << migrations::status_json(status, *changes).dump(2) << "\n";
      return Ok{};
    }
    if (status.empty()) {
      std::cerr << "No migrations yet; create one with `fastcms migrate create NAME` (or --auto).\n";
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& s : status)
        rows.push_back({s.version, s.name, migrations::to_string(s.state), s.applied ? s.applied->applied : ""});
      print_table({"VERSION", "NAME", "STATE", "APPLIED"}, rows);
    }
    if (!migrations::drifted(status).empty())
      print_hint("Restore modified or missing files, or accept them with `fastcms migrate repair`.");
    if (*changes && !(*changes)->empty()) {
      std::cout << "app/collections/ differs from the database:\n";
      for (const auto& line : **changes) std::cout << "  " << line << "\n";
      print_hint("Record it with `fastcms migrate create NAME --auto`.");
    }
    return Ok{};
  });
}

Status run_repair() {
  return with_migrations([&](const project::Project&, const std::vector<migrations::MigrationFile>& files,
                             db::Connection& db) -> Status {
    auto repairs = migrations::repair_migrations(db, files);
    if (!repairs) return repairs.error();
    if (repairs->empty()) std::cerr << "Nothing to repair: every applied migration matches its file.\n";
    for (const auto& r : *repairs)
      std::cout << migrations::migration_file_name(r.version, r.name) << ": " << r.action << "\n";
    return Ok{};
  });
}

}  // namespace

void register_migrate(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("migrate", "Create, apply, roll back and inspect migrations (app/migrations/)");
  group->require_subcommand(1);
  set_examples(*group, {"fastcms migrate create add_tags --auto", "fastcms migrate up", "fastcms migrate status"});
  auto options = std::make_shared<MigrateOptions>();

  auto* create = group->add_subcommand("create", "Write a new migration file: empty, or with --auto from app/collections/");
  create->add_option("name", options->name, "The migration's name, e.g. add_tags")->required();
  create->add_flag("--auto", options->auto_diff,
                   "Write the statements that bring the database to app/collections/ (and back, in the down part)");
  create->add_flag("-y,--yes", options->yes,
                   "With --auto: write it even when it would lose data (asked on a terminal, refused otherwise)");
  set_examples(*create, {"fastcms migrate create add_tags", "fastcms migrate create posts_status --auto"});
  create->callback([&dispatch, options] { dispatch.action = [options] { return run_create(*options); }; });

  auto* up = group->add_subcommand("up", "Apply the pending migrations, each in one transaction");
  up->add_option("--to", options->to, "Stop after the migration with this version");
  set_examples(*up, {"fastcms migrate up", "fastcms migrate up --to 20261122030405"});
  up->callback([&dispatch, options] { dispatch.action = [options] { return run_up(*options); }; });

  auto* down = group->add_subcommand("down", "Roll back applied migrations with their down parts (default: the last one)");
  auto* steps = down->add_option("--steps", options->steps, "How many migrations to roll back")->check(CLI::PositiveNumber);
  down->add_option("--to", options->to, "Roll back every migration after this version (0: all)")->excludes(steps);
  set_examples(*down, {"fastcms migrate down", "fastcms migrate down --steps 2", "fastcms migrate down --to 20261122030405"});
  down->callback([&dispatch, options] { dispatch.action = [options] { return run_down(*options); }; });

  auto* status = group->add_subcommand("status", "Show each migration: applied, pending, modified or missing-file");
  status->add_flag("--json", options->as_json, "Print as JSON (see README, Migrations)");
  set_examples(*status, {"fastcms migrate status", "fastcms migrate status --json | jq '.summary'"});
  status->callback([&dispatch, options] { dispatch.action = [options] { return run_status(*options); }; });

  auto* repair = group->add_subcommand(
      "repair", "Accept modified migration files and forget missing ones (nothing is re-run or undone)");
  set_examples(*repair, {"fastcms migrate repair"});
  repair->callback([&dispatch] { dispatch.action = [] { return run_repair(); }; });
}

}  // namespace fastcms::cli
