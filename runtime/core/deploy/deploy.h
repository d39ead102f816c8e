#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "project/config.h"

namespace fastcms::core::deploy {

/// What happens to one file of a deployment.
enum class FileAction {
  create,     ///< does not exist yet
  unchanged,  ///< exists with exactly this content; left alone
  overwrite,  ///< exists with other content and --force was given
  conflict,   ///< exists with other content and --force was not given
};

struct PlannedFile {
  std::string path;  ///< relative to the project root
  std::string content;
  FileAction action = FileAction::create;
};

/// Everything `fastcms deploy --target T` would do, decided before anything is written.
struct DeployPlan {
  std::string target;
  std::filesystem::path root;
  std::vector<PlannedFile> files;
  std::vector<std::string> next_steps;  ///< rendered

  /// Paths whose action is `conflict`.
  std::vector<std::string> conflicts() const;
};

struct DeployOptions {
  std::string target;
  bool force = false;  ///< overwrite files whose content differs
};

/// Renders the target's files for the project at `root` (name and port from `config`) and
/// compares each with what is on disk. An unknown target is a usage error that suggests the
/// nearest name and lists the valid ones. Writes nothing.
Result<DeployPlan> plan_deploy(const std::filesystem::path& root, const project::Config& config,
                               const DeployOptions& options);

/// The error a plan with conflicts ends in: names the files and how to proceed.
Error conflict_error(const DeployPlan& plan);

/// Writes the plan's create and overwrite files, each atomically (temp file + rename).
/// Refuses, writing nothing, when the plan has conflicts.
Status apply_deploy(const DeployPlan& plan);

}  // namespace fastcms::core::deploy
