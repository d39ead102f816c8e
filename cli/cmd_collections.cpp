// `fastcms collections list [--json]`: the project's declared collections.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/table.h"
#include "core/collections/collection_file.h"
#include "core/collections/collection_summary.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

Status run_list(bool as_json) {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  auto files = core::collections::load_collection_files(project->root);
  if (!files) return files.error();

  nlohmann::json rows = nlohmann::json::array();
  for (const auto& f : *files) rows.push_back(core::collections::summarize(f));
  if (as_json) {
    std::cout << rows.dump(2) << "\n";
    return Ok{};
  }
  if (rows.empty()) {
    std::cerr << "No collections in " << core::collections::collections_dir(project->root).string()
              << "; add one file per collection there.\n";
    return Ok{};
  }
  std::vector<std::vector<std::string>> table;
  for (const auto& r : rows) {
    std::vector<std::string> line = {r["name"], r["type"], std::to_string(r["fields"].get<int>())};
    for (const char* rule : core::collections::rule_names)
      line.push_back(core::collections::rule_in_short(r["rules"][rule]));
    table.push_back(std::move(line));
  }
  print_table({"NAME", "TYPE", "FIELDS", "LIST", "VIEW", "CREATE", "UPDATE", "DELETE"}, table);
  std::cerr << styled(stderr, "2", "Rules: everyone = \"\" (open), superusers = null, rule = a filter expression.")
            << "\n";
  return Ok{};
}

}  // namespace

void register_collections(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("collections", "Inspect the project's collections");
  group->require_subcommand(1);
  set_examples(*group, {"fastcms collections list", "fastcms collections list --json"});

  auto as_json = std::make_shared<bool>(false);
  auto* list = group->add_subcommand("list", "List the collections declared in app/collections/ with their rules in short");
  list->add_flag("--json", *as_json, "Print as JSON: name, type, field count, file and the five rules");
  set_examples(*list, {"fastcms collections list", "fastcms collections list --json | jq '.[].name'"});
  list->callback([&dispatch, as_json] { dispatch.action = [as_json]() { return run_list(*as_json); }; });
  register_collections_create(*group, dispatch);
  register_collections_transfer(*group, dispatch);
}

}  // namespace fastcms::cli
