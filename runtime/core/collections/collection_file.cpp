#include "core/collections/collection_file.h"

#include <algorithm>

#include "core/collections/collection_checks.h"
#include "project/schemas.h"
#include "project/structured_file.h"

namespace fastcms::core::collections {
namespace fs = std::filesystem;

fs::path collections_dir(const fs::path& root) { return root / "app" / "collections"; }

Result<std::vector<CollectionFile>> load_collection_files(const fs::path& root) {
  std::vector<CollectionFile> out;
  std::vector<std::string> problems;
  fs::path dir = collections_dir(root);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;

  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && project::is_structured_file(entry.path())) paths.push_back(entry.path());
  if (ec) return Error::failure(dir.string() + ": cannot list directory: " + ec.message());
  std::sort(paths.begin(), paths.end());

  for (const auto& path : paths) {
    std::string label = fs::relative(path, root, ec).string();
    auto parsed = project::load_structured_file(path);
    if (!parsed) {
      // Re-label with the project-relative path for consistent messages.
      std::string msg = parsed.error().message;
      if (msg.starts_with(path.string())) msg = label + msg.substr(path.string().size());
      problems.push_back(msg);
      continue;
    }
    auto violations = project::collection_schema().validate(*parsed);
    if (!violations.empty()) {
      problems.push_back(project::format_violations(label, violations));
      continue;
    }
    out.push_back({path, label, std::move(*parsed)});
  }
  for (const auto& p : check_collections(out)) problems.push_back(p);
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
    return Error::failure(message);
  }
  return out;
}

}  // namespace fastcms::core::collections
