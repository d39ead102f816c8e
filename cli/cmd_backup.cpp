// `fastcms backup create | list | restore`: parse, call core/backups, print.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/confirm.h"
#include "cli/progress_bar.h"
#include "cli/table.h"
#include "core/backups/archive_writer.h"
#include "core/backups/backup_store.h"
#include "core/backups/restore_swap.h"
#include "core/backups/server_lock.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

namespace fs = std::filesystem;
namespace backups = core::backups;

struct BackupOptions {
  std::string output;
  std::string file;
  bool as_json = false;
  bool yes = false;
};

Result<backups::BackupLayout> current_layout(project::Project* project_out = nullptr) {
  auto project = project::open_project(fs::current_path());
  if (!project.ok()) return project.error();
  if (project_out) *project_out = *project;
  return backups::backup_layout(*project);
}

Status run_create(const BackupOptions& options) {
  project::Project project;
  auto layout = current_layout(&project);
  if (!layout.ok()) return layout.error();
  std::string app_name = project.config.name.empty() ? project.root.filename().string() : project.config.name;
  fs::path output = options.output.empty()
                        ? layout->backups_dir() / backups::default_backup_name(app_name, std::chrono::system_clock::now())
                        : fs::absolute(options.output);
  std::optional<backups::CreatedBackup> created;
  {
    ProgressBar bar("Backing up", ProgressBar::Unit::bytes);
    auto result = backups::create_backup(*layout, output, bar.callback());
    if (!result.ok()) return result.error();
    created = *result;
  }
  std::cout << created->file.string() << "\n";
  std::cerr << "Backed up " << created->files << " files (" << created->content << " bytes) into a " << created->size
            << "-byte archive.\n";
  return Ok{};
}

Status run_list(const BackupOptions& options) {
  auto layout = current_layout();
  if (!layout.ok()) return layout.error();
  auto stored = backups::list_backups(*layout);
  if (!stored.ok()) return stored.error();
  if (options.as_json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& b : *stored) rows.push_back({{"key", b.key}, {"size", b.size}, {"modified", b.modified}});
    std::cout << rows.dump(2) << "\n";
    return Ok{};
  }
  if (stored->empty()) {
    std::cerr << "No backups in " << layout->backups_dir().string() << "; make one with `fastcms backup create`.\n";
    return Ok{};
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : *stored) rows.push_back({b.key, std::to_string(b.size), b.modified});
  print_table({"KEY", "SIZE", "MODIFIED"}, rows);
  return Ok{};
}

/// FILE as given, or the backup of that name in data/backups.
fs::path resolve_backup_file(const backups::BackupLayout& layout, const std::string& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) return fs::absolute(file);
  auto stored = backups::backup_file(layout, file);
  return stored.ok() ? *stored : fs::absolute(file);
}

Status run_restore(const BackupOptions& options) {
  if (!options.yes && !stdin_is_terminal())
    return Error::failure("refusing to restore without confirmation: stdin is not a terminal; pass --yes to restore "
                          "from a script");
  auto layout = current_layout();
  if (!layout.ok()) return layout.error();
  fs::path zip = resolve_backup_file(*layout, options.file);
  std::error_code ec;
  if (!fs::is_regular_file(zip, ec)) return Error::usage(options.file + ": no such backup file");
  auto lock = backups::DataLock::for_restore(layout->data_dir);
  if (!lock.ok()) return lock.error();
  if (!options.yes && !confirm("Replace this project's data, collections and migrations with " + zip.string() + "?"))
    return Error::failure("nothing was restored (not confirmed)");
  {
    ProgressBar bar("Verifying", ProgressBar::Unit::bytes);
    if (auto st = backups::restore_backup(*layout, zip, bar.callback()); !st.ok()) return st;
  }
  std::cout << "Restored " << zip.filename().string() << " into " << layout->root.string() << ".\n";
  return Ok{};
}

}  // namespace

void register_backup(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("backup", "Back up and restore the project's data, collections and migrations");
  group->require_subcommand(1);
  set_examples(*group, {"fastcms backup create", "fastcms backup list", "fastcms backup restore FILE.zip"});

  auto create_options = std::make_shared<BackupOptions>();
  auto* create = group->add_subcommand(
      "create", "Write a zip of the database (consistent while a server runs), data/storage and the project files");
  create->add_option("-o,--output", create_options->output,
                     "Where to write the zip (default: data/backups/pb_backup_<app>_<UTC time>.zip)");
  set_examples(*create, {"fastcms backup create", "fastcms backup create --output /srv/backups/app.zip"});
  create->callback([&dispatch, create_options] {
    dispatch.action = [create_options] { return run_create(*create_options); };
  });

  auto list_options = std::make_shared<BackupOptions>();
  auto* list = group->add_subcommand("list", "List the backups in data/backups, newest first");
  list->add_flag("--json", list_options->as_json, "Print as JSON: key, size, modified");
  set_examples(*list, {"fastcms backup list", "fastcms backup list --json | jq -r '.[0].key'"});
  list->callback([&dispatch, list_options] {
    dispatch.action = [list_options] { return run_list(*list_options); };
  });

  auto restore_options = std::make_shared<BackupOptions>();
  auto* restore = group->add_subcommand(
      "restore", "Verify a backup completely, then swap it in (asks first unless --yes; the server must be stopped)");
  restore->add_option("FILE", restore_options->file, "A backup zip, or the key of one in data/backups")->required();
  restore->add_flag("--yes,-y", restore_options->yes, "Do not ask; required when stdin is not a terminal");
  set_examples(*restore, {"fastcms backup restore data/backups/pb_backup_app_20260101120000.zip",
                          "fastcms backup restore pb_backup_app_20260101120000.zip --yes"});
  restore->callback([&dispatch, restore_options] {
    dispatch.action = [restore_options] { return run_restore(*restore_options); };
  });
}

}  // namespace fastcms::cli
