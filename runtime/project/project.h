#pragma once
#include <filesystem>

#include "common/error.h"
#include "project/config.h"

namespace fastcms::project {

/// A project found on disk with its resolved configuration.
struct Project {
  std::filesystem::path root;
  Config config;
};

/// Finds the project containing `start` (searching upward) and loads its configuration.
/// Errors say where was searched and how to create a project.
Result<Project> open_project(const std::filesystem::path& start, const FlagOverrides& flags = {});

}  // namespace fastcms::project
