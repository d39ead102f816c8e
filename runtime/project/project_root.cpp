#include "project/project_root.h"

namespace fastcms::project {
namespace fs = std::filesystem;

std::optional<fs::path> config_file_in(const fs::path& root) {
  std::error_code ec;
  for (const char* name : config_file_names)
    if (fs::is_regular_file(root / name, ec)) return root / name;
  return std::nullopt;
}

std::optional<fs::path> find_project_root(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(start, ec), ec);
  while (true) {
    if (config_file_in(dir)) return dir;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace fastcms::project
