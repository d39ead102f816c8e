#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::core::scaffold {

/// A project template embedded in the binary (templates/<name>/).
struct TemplateInfo {
  std::string name;
  std::string description;
  std::vector<std::string> collections;  ///< declared order (referenced collections first)
  std::vector<std::string> next_steps;
  /// Output path (relative to the project root) → file content, before rendering.
  std::map<std::string, std::string_view> files;
};

/// Names of every project template, sorted ("blank", "blog", ...).
std::vector<std::string> template_names();

/// The named template, or nullopt. Only names from template_names() are ever looked up:
/// a user-supplied name is never turned into a path.
std::optional<TemplateInfo> find_template(std::string_view name);

/// Files every project gets (templates/common/), output path → content before rendering.
std::map<std::string, std::string_view> common_files();

}  // namespace fastcms::core::scaffold
