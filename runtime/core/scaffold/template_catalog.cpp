#include "core/scaffold/template_catalog.h"

#include <algorithm>
#include <set>

#include "common/embedded_files.h"
#include "common/strings.h"

namespace fastcms::core::scaffold {

namespace {

constexpr std::string_view templates_prefix = "templates/";
constexpr std::string_view common_name = "common";

/// Source names that cannot be stored as dotfiles in the repository map to their dotfile.
std::string output_name(std::string_view relative) {
  std::string out(relative);
  size_t slash = out.rfind('/');
  size_t base = slash == std::string::npos ? 0 : slash + 1;
  if (std::string_view(out).substr(base).starts_with("dot-")) out.replace(base, 4, ".");
  return out;
}

}  // namespace

std::vector<std::string> template_names() {
  std::set<std::string> names;
  for (const auto& f : embedded::all_files()) {
    if (!f.path.starts_with(templates_prefix)) continue;
    std::string_view rest = f.path.substr(templates_prefix.size());
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) continue;
    std::string_view name = rest.substr(0, slash);
    if (rest.substr(slash + 1) == "template.json" && name != common_name) names.insert(std::string(name));
  }
  return {names.begin(), names.end()};
}

std::map<std::string, std::string_view> common_files() {
  std::map<std::string, std::string_view> out;
  std::string prefix = std::string(templates_prefix) + std::string(common_name) + "/";
  for (const auto& f : embedded::all_files())
    if (f.path.starts_with(prefix)) out[output_name(f.path.substr(prefix.size()))] = f.data;
  return out;
}

std::optional<TemplateInfo> find_template(std::string_view name) {
  auto names = template_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
  TemplateInfo info;
  info.name = std::string(name);
  std::string prefix = std::string(templates_prefix) + info.name + "/";
  for (const auto& f : embedded::all_files()) {
    if (!f.path.starts_with(prefix)) continue;
    std::string_view rel = f.path.substr(prefix.size());
    if (rel == "template.json") {
      auto meta = nlohmann::json::parse(f.data);
      info.description = meta.value("description", "");
      info.collections = meta.value("collections", std::vector<std::string>{});
      info.next_steps = meta.value("nextSteps", std::vector<std::string>{});
    } else if (rel.starts_with("collections/")) {
      info.files["app/" + std::string(rel)] = f.data;
    } else if (rel.starts_with("files/")) {
      info.files[output_name(rel.substr(6))] = f.data;
    }
  }
  return info;
}

}  // namespace fastcms::core::scaffold
