// `fastcms collections create NAME --schema FILE`: validate a collection and write its file.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "core/collections/new_collection_file.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

struct CreateCollectionOptions {
  std::string name;
  std::string schema;
};

Status run_create_collection(const CreateCollectionOptions& options) {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  auto written = core::collections::add_collection_file(project->root, options.name, options.schema);
  if (!written) return written.error();
  std::cout << *written << "\n";
  print_hint("A running `fastcms dev --reload` applies it now; otherwise run `fastcms migrate create add_" +
             options.name + " --auto` and `fastcms migrate up`.");
  return Ok{};
}

}  // namespace

void register_collections_create(CLI::App& group, Dispatch& dispatch) {
  auto options = std::make_shared<CreateCollectionOptions>();
  auto* create = group.add_subcommand("create", "Validate a collection schema and write it to app/collections/");
  create->add_option("name", options->name, "The collection's name")->required();
  create->add_option("--schema", options->schema, "A JSON or YAML file with the collection (PocketBase's shape)")
      ->required()
      ->check(CLI::ExistingFile);
  set_examples(*create, {"fastcms collections create posts --schema posts.yaml"});
  create->callback([&dispatch, options] { dispatch.action = [options] { return run_create_collection(*options); }; });
}

}  // namespace fastcms::cli
