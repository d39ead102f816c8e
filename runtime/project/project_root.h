#pragma once
#include <filesystem>
#include <optional>

namespace fastcms::project {

/// Config file names a project root holds, in the order they are looked for.
inline constexpr const char* config_file_names[] = {"fastcms.config.json", "fastcms.config.yaml",
                                                    "fastcms.config.yml"};

/// The nearest directory at or above `start` that holds a fastcms config file (as git
/// finds .git), or nullopt when there is none up to the filesystem root.
std::optional<std::filesystem::path> find_project_root(const std::filesystem::path& start);

/// The config file inside `root`, or nullopt.
std::optional<std::filesystem::path> config_file_in(const std::filesystem::path& root);

}  // namespace fastcms::project
