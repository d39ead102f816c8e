#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::core::deploy {

/// A deployment target embedded in the binary (templates/deploy/targets.json).
struct DeployTarget {
  std::string name;
  std::string description;
  /// Output path (relative to the project root) → template text, before rendering.
  std::map<std::string, std::string_view> files;
  /// Commands the user runs next, before rendering.
  std::vector<std::string> next_steps;
};

/// Names of every deployment target, sorted ("docker", "fly", "railway").
std::vector<std::string> target_names();

/// The named target, or nullopt. Only names from targets.json are looked up.
std::optional<DeployTarget> find_target(std::string_view name);

/// The values every deploy template is rendered with.
struct DeployVars {
  std::string project_name;
  int port = 8090;
};

/// `{{key}}` → value for the deploy templates: name, port, volume, app_slug (the name as a
/// Fly app name) and runtime_packages (the Debian packages the image installs).
std::map<std::string, std::string> template_vars(const DeployVars& vars);

/// Every file of `target` rendered with `vars`: output path → content.
std::map<std::string, std::string> render_target(const DeployTarget& target, const DeployVars& vars);

}  // namespace fastcms::core::deploy
