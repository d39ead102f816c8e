#include "core/migrations/migration_directory.h"

#include <algorithm>
#include <map>

#include "common/files.h"
#include "common/strings.h"

namespace fastcms::core::migrations {
namespace fs = std::filesystem;

fs::path migrations_dir(const fs::path& root) { return root / "app" / "migrations"; }

std::string version_of(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char out[16];
  std::strftime(out, sizeof out, "%Y%m%d%H%M%S", &utc);
  return out;
}

Result<std::vector<MigrationFile>> load_migration_files(const fs::path& root, std::chrono::system_clock::time_point now) {
  std::vector<MigrationFile> out;
  const fs::path dir = migrations_dir(root);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
  if (ec) return Error::failure(dir.string() + ": cannot list the folder: " + ec.message());
  std::sort(paths.begin(), paths.end());

  std::vector<std::string> problems;
  std::map<std::string, std::string> label_by_version;
  const std::string latest_allowed = version_of(now);
  for (const auto& path : paths) {
    const std::string label = (fs::path("app") / "migrations" / path.filename()).string();
    auto content = fastcms::files::read(path);
    if (!content) {
      problems.push_back(content.error().message);
      continue;
    }
    auto file = parse_migration(path.filename().string(), *content, label);
    if (!file) {
      problems.push_back(file.error().message);
      continue;
    }
    if (auto [it, fresh] = label_by_version.emplace(file->version, label); !fresh) {
      problems.push_back(label + ": version " + file->version + " is also the version of " + it->second +
                         "; give one of them a later timestamp (versions must be unique)");
      continue;
    }
    if (file->version > latest_allowed) {
      problems.push_back(label + ": version " + file->version + " is in the future (now is " + latest_allowed +
                         " UTC); rename the file with the current UTC time, e.g. " +
                         migration_file_name(latest_allowed, file->name));
      continue;
    }
    out.push_back(std::move(*file));
  }
  if (!problems.empty()) return Error::usage(strings::join(problems, "\n"));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

}  // namespace fastcms::core::migrations
