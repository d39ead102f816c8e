#include "core/backups/backup_layout.h"

#include <algorithm>

#include "core/backups/server_lock.h"
#include "db/sqlite/sqlite_url.h"

namespace fastcms::core::backups {
namespace fs = std::filesystem;

namespace {

bool is_temp_name(const std::string& name) { return name.starts_with(".") && name.find(".tmp-") != std::string::npos; }

/// Adds every regular file under `dir` (not following links) with entry names
/// `prefix`/<path relative to `base`>, skipping what `skip` says.
template <class Skip>
Status add_tree(const fs::path& dir, const fs::path& base, const std::string& prefix, const Skip& skip,
                std::vector<ArchiveSource>& out) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Ok{};
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return Error::failure("cannot read " + dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Error::failure("cannot read " + dir.string() + ": " + ec.message());
    fs::path relative = it->path().lexically_relative(base);
    if (skip(relative)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    out.push_back({it->path(), prefix.empty() ? relative.generic_string() : prefix + "/" + relative.generic_string()});
  }
  return Ok{};
}

}  // namespace

const std::vector<fs::path>& project_items() {
  static const std::vector<fs::path> items = {"fastcms.config.json", "fastcms.config.yaml", "fastcms.config.yml",
                                              "app/collections", "app/migrations"};
  return items;
}

namespace {

Result<BackupLayout> layout_for(const fs::path& root, const fs::path& database_file) {
  fs::path data_dir = fs::absolute(root / "data").lexically_normal();
  fs::path database = fs::absolute(database_file).lexically_normal().lexically_relative(data_dir);
  if (database.empty() || *database.begin() == "..")
    return Error::usage("backups need the database inside data/, but it is " + database_file.string());
  return BackupLayout{fs::absolute(root).lexically_normal(), data_dir, database};
}

}  // namespace

Result<BackupLayout> backup_layout(const project::Project& project) {
  auto location = db::parse_sqlite_url(project.config.database_url, project.root);
  if (!location.ok()) return location.error();
  if (location->in_memory) return Error::usage("an in-memory database cannot be backed up");
  return layout_for(project.root, location->path);
}

Result<BackupLayout> backup_layout(App& app) {
  auto rows = app.db().query("PRAGMA database_list");
  if (!rows.ok()) return rows.error();
  for (const auto& row : *rows)
    if (row["name"].to_text() == "main") {
      std::string file = row["file"].to_text();
      if (file.empty()) return Error::usage("an in-memory database cannot be backed up");
      return layout_for(app.root(), file);
    }
  return Error::failure("the database has no main file");
}

Result<std::vector<ArchiveSource>> archive_sources(const BackupLayout& layout) {
  std::vector<ArchiveSource> sources;
  const std::string db_name = layout.database.generic_string();
  auto skip_data = [&](const fs::path& relative) {
    std::string first = relative.begin()->string();
    std::string path = relative.generic_string();
    std::string name = relative.filename().string();
    return first == "backups" || first == "lost+found" || first == project_prefix || first == manifest_entry ||
           is_temp_name(name) || path == db_name || path == db_name + "-wal" || path == db_name + "-shm" ||
           path == db_name + "-journal" || name == server_lock_name;
  };
  if (auto st = add_tree(layout.data_dir, layout.data_dir, "", skip_data, sources); !st.ok()) return st.error();
  auto keep_all = [](const fs::path& relative) { return is_temp_name(relative.filename().string()); };
  for (const auto& item : project_items()) {
    fs::path path = layout.root / item;
    std::error_code ec;
    if (fs::is_regular_file(path, ec) && !fs::is_symlink(path, ec))
      sources.push_back({path, std::string(project_prefix) + "/" + item.generic_string()});
    else if (fs::is_directory(path, ec))
      if (auto st = add_tree(path, layout.root, project_prefix, keep_all, sources); !st.ok()) return st.error();
  }
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.entry < b.entry; });
  return sources;
}

}  // namespace fastcms::core::backups
