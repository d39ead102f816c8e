#include "core/backups/backup_store.h"

#include <algorithm>
#include <ctime>

#include "common/datetime.h"

namespace fastcms::core::backups {
namespace fs = std::filesystem;

bool is_valid_backup_name(std::string_view name) {
  if (name.size() <= 4 || !name.ends_with(".zip")) return false;
  for (char c : name.substr(0, name.size() - 4))
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

std::string default_backup_name(std::string_view app_name, std::chrono::system_clock::time_point when,
                                std::string_view prefix) {
  std::string app;
  for (char c : app_name) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (keep) app += lower;
    else if (!app.empty() && app.back() != '_') app += '_';
  }
  while (!app.empty() && app.back() == '_') app.pop_back();
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[16];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &utc);
  return std::string(prefix) + (app.empty() ? "" : app + "_") + stamp + ".zip";
}

Result<std::vector<StoredBackup>> list_backups(const BackupLayout& layout) {
  std::vector<std::pair<fs::file_time_type, StoredBackup>> found;
  std::error_code ec;
  if (!fs::exists(layout.backups_dir(), ec)) return std::vector<StoredBackup>{};
  for (fs::directory_iterator it(layout.backups_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(".") || !name.ends_with(".zip") || !it->is_regular_file(ec)) continue;
    auto mtime = it->last_write_time(ec);
    auto system = std::chrono::time_point_cast<std::chrono::system_clock::duration>(std::chrono::file_clock::to_sys(mtime));
    found.push_back({mtime, {name, static_cast<std::uint64_t>(it->file_size(ec)), datetime::format(system)}});
  }
  if (ec) return Error::failure("cannot list " + layout.backups_dir().string() + ": " + ec.message());
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second.key > b.second.key;
  });
  std::vector<StoredBackup> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

Result<fs::path> backup_file(const BackupLayout& layout, std::string_view key) {
  if (key.empty() || key.starts_with(".") || key.find('/') != std::string_view::npos ||
      key.find('\\') != std::string_view::npos || !key.ends_with(".zip"))
    return Error::usage("\"" + std::string(key) + "\" is not a backup name (a .zip file in data/backups)");
  return layout.backups_dir() / std::string(key);
}

Result<int> prune_auto_backups(const BackupLayout& layout, int keep) {
  auto all = list_backups(layout);
  if (!all.ok()) return all.error();
  int kept = 0, removed = 0;
  for (const auto& b : *all) {
    if (!std::string_view(b.key).starts_with(auto_backup_prefix)) continue;
    if (kept++ < keep) continue;
    std::error_code ec;
    if (fs::remove(layout.backups_dir() / b.key, ec)) ++removed;
  }
  return removed;
}

}  // namespace fastcms::core::backups
