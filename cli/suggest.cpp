#include "cli/suggest.h"

#include "common/strings.h"

namespace fastcms::cli {

const CLI::App& deepest_selected(const CLI::App& root) {
  const CLI::App* current = &root;
  while (true) {
    auto selected = current->get_subcommands();
    if (selected.empty()) return *current;
    current = selected.front();
  }
}

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* p = app.get_parent(); p != nullptr; p = p->get_parent()) path = p->get_name() + " " + path;
  return path;
}

std::string suggest_for(const CLI::App& root, const std::string& unknown) {
  const CLI::App& app = deepest_selected(root);
  std::vector<std::string> candidates;
  if (unknown.starts_with("-")) {
    for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) {
      for (const CLI::Option* opt : a->get_options()) {
        for (const auto& l : opt->get_lnames()) candidates.push_back("--" + l);
        for (const auto& s : opt->get_snames()) candidates.push_back("-" + s);
      }
    }
    std::string flag = unknown.substr(0, unknown.find('='));
    return strings::nearest(flag, candidates);
  }
  for (const CLI::App* sub : app.get_subcommands({})) candidates.push_back(sub->get_name());
  return strings::nearest(unknown, candidates);
}

}  // namespace fastcms::cli
