#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"

namespace fastcms::core::scaffold {

struct ScaffoldOptions {
  std::filesystem::path target;  ///< the project directory to create
  std::string template_name = "blank";
  bool force = false;            ///< scaffold into a non-empty directory
};

struct ScaffoldReport {
  std::filesystem::path root;            ///< absolute project directory
  std::string project_name;
  std::vector<std::string> written;      ///< files written, relative to root
  std::vector<std::string> kept;         ///< existing files left as they were (--force)
  std::vector<std::string> next_steps;   ///< commands to suggest to the user
};

/// Checks a project name/path given on the command line: rejects empty names, "." and
/// "..", names made only of separators and final components that are not a valid project
/// name. Returns the usage error to show, or Ok.
Status validate_target(const std::string& raw);

/// Scaffolds a project. Everything is first written into a temp directory beside the
/// target; only a complete tree is renamed into place (or, with `force`, moved file by
/// file into the existing directory, which never deletes a file that is not part of the
/// scaffold and keeps an existing .env). On any failure or interruption the temp
/// directory is removed and the target is untouched.
Result<ScaffoldReport> scaffold_project(const ScaffoldOptions& options);

}  // namespace fastcms::core::scaffold
