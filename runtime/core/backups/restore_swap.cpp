#include "core/backups/restore_swap.h"

#include <vector>

#include "common/files.h"
#include "core/backups/archive_verifier.h"

namespace fastcms::core::backups {
namespace fs = std::filesystem;

namespace {

/// Renames done so far, undone in reverse when a later one fails.
class RenameJournal {
 public:
  Status move(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    fs::rename(from, to, ec);
    if (ec) return Error::failure("cannot move " + from.string() + " to " + to.string() + ": " + ec.message());
    done_.push_back({from, to});
    return Ok{};
  }
  void undo() {
    for (auto it = done_.rbegin(); it != done_.rend(); ++it) {
      std::error_code ec;
      fs::rename(it->second, it->first, ec);
    }
    done_.clear();
  }

 private:
  std::vector<std::pair<fs::path, fs::path>> done_;
};

Status swap_in(const BackupLayout& layout, const fs::path& staging, RenameJournal& journal) {
  const fs::path incoming = staging / "incoming";
  const fs::path previous = staging / "previous";
  const fs::path incoming_project = incoming / project_prefix;
  std::error_code ec;
  fs::path project_copy = staging / "project";
  if (fs::exists(incoming_project, ec))
    if (auto st = journal.move(incoming_project, project_copy); !st.ok()) return st;

  if (fs::exists(layout.data_dir, ec))
    if (auto st = journal.move(layout.data_dir, previous / "data"); !st.ok()) return st;
  if (auto st = journal.move(incoming, layout.data_dir); !st.ok()) return st;
  if (fs::exists(previous / "data" / "backups", ec))
    if (auto st = journal.move(previous / "data" / "backups", layout.backups_dir()); !st.ok()) return st;

  for (const auto& item : project_items()) {
    if (!fs::exists(project_copy / item, ec)) continue;
    if (fs::exists(layout.root / item, ec))
      if (auto st = journal.move(layout.root / item, previous / "project" / item); !st.ok()) return st;
    if (auto st = journal.move(project_copy / item, layout.root / item); !st.ok()) return st;
  }
  return Ok{};
}

}  // namespace

Status restore_backup(const BackupLayout& layout, const fs::path& zip, const ProgressFn& progress) {
  auto staging = fastcms::files::make_temp_dir_beside(layout.data_dir);
  if (!staging.ok()) return staging.error();
  auto cleanup = [&] {
    std::error_code ec;
    fs::remove_all(*staging, ec);
  };
  auto verified = verify_backup(zip, *staging / "incoming", progress);
  if (!verified.ok()) {
    cleanup();
    return verified.error();
  }
  if (verified->manifest.database != layout.database.generic_string()) {
    cleanup();
    return Error::failure("refusing the backup: its database is data/" + verified->manifest.database +
                          " but this project's is data/" + layout.database.generic_string());
  }
  RenameJournal journal;
  if (auto st = swap_in(layout, *staging, journal); !st.ok()) {
    journal.undo();
    cleanup();
    return Error::failure("restore failed, the previous data is back in place: " + st.error().message);
  }
  cleanup();  // the previous data, now that the swap has succeeded
  return Ok{};
}

}  // namespace fastcms::core::backups
