#include "core/deploy/deploy_target.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "common/embedded_files.h"
#include "common/runtime_packages.h"
#include "core/scaffold/render.h"

namespace fastcms::core::deploy {

namespace {

constexpr std::string_view deploy_prefix = "templates/deploy/";
constexpr std::string_view catalog_path = "templates/deploy/targets.json";
/// Docker, Fly and Railway volume names all accept this one.
const char* const data_volume = "fastcms_data";

std::string_view embedded_file(std::string_view path) {
  for (const auto& f : embedded::all_files())
    if (f.path == path) return f.data;
  return {};
}

nlohmann::json catalog() { return nlohmann::json::parse(embedded_file(catalog_path)); }

/// A Fly app name: lowercase letters, digits and single dashes.
std::string app_slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (keep) out += lower;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "fastcms-app" : out;
}

}  // namespace

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  const nlohmann::json all = catalog();
  for (const auto& [name, spec] : all.items()) names.push_back(name);
  return names;  // nlohmann::json objects iterate in key order
}

std::optional<DeployTarget> find_target(std::string_view name) {
  auto all = catalog();
  auto it = all.find(std::string(name));
  if (it == all.end()) return std::nullopt;
  DeployTarget target;
  target.name = std::string(name);
  target.description = it->value("description", "");
  for (const auto& [out, source] : (*it)["files"].items())
    target.files[out] = embedded_file(std::string(deploy_prefix) + source.get<std::string>());
  target.next_steps = it->value("nextSteps", std::vector<std::string>{});
  return target;
}

std::map<std::string, std::string> template_vars(const DeployVars& vars) {
  return {{"name", vars.project_name},
          {"port", std::to_string(vars.port)},
          {"volume", data_volume},
          {"app_slug", app_slug(vars.project_name)},
          {"runtime_packages", build::runtime_debian_packages}};
}

std::map<std::string, std::string> render_target(const DeployTarget& target, const DeployVars& vars) {
  auto values = template_vars(vars);
  std::map<std::string, std::string> out;
  for (const auto& [path, text] : target.files) out[path] = scaffold::render(text, values);
  return out;
}

}  // namespace fastcms::core::deploy
