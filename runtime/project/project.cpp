#include "project/project.h"

#include "project/project_root.h"

namespace fastcms::project {

Result<Project> open_project(const std::filesystem::path& start, const FlagOverrides& flags) {
  auto root = find_project_root(start);
  if (!root)
    return Error::failure("no fastcms project found in " + std::filesystem::absolute(start).string() +
                          " or any parent directory (looked for fastcms.config.json); run `fastcms init NAME` "
                          "to create one, or cd into a project");
  auto config = load_config(*root, flags);
  if (!config) return config.error();
  return Project{*root, std::move(*config)};
}

}  // namespace fastcms::project
