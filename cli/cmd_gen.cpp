// `fastcms gen types|openapi`: code and documents generated from the project's collections.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/option_choices.h"
#include "common/files.h"
#include "core/codegen/openapi_document.h"
#include "core/codegen/project_schema.h"
#include "core/codegen/typescript_types.h"
#include "project/config.h"
#include "project/project.h"
#include "project/yaml_writer.h"

namespace fastcms::cli {

namespace {

/// Writes `text` atomically to `output`, or to stdout when `output` is empty.
Status emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return Ok{};
  }
  if (auto written = fastcms::files::write_atomic(output, text); !written) return written.error();
  std::cerr << "Wrote " << output << "\n";
  return Ok{};
}

Status run_gen_types(const std::string& output) {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  auto schema = core::codegen::project_schema(project->root);
  if (!schema) return schema.error();
  return emit(core::codegen::typescript_types(*schema), output);
}

/// YAML when `output` ends in .yaml or .yml, else JSON.
bool wants_yaml(const std::string& output) {
  auto ext = std::filesystem::path(output).extension().string();
  return ext == ".yaml" || ext == ".yml";
}

Status run_gen_openapi(const std::string& output, const std::string& server_url) {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  auto config = project::load_config(project->root);
  if (!config) return config.error();
  auto schema = core::codegen::project_schema(project->root);
  if (!schema) return schema.error();
  core::codegen::OpenApiInfo info;
  if (!config->name.empty()) info.title = config->name;
  info.server_url = !server_url.empty() ? server_url
                                        : "http://" + config->host + ":" + std::to_string(config->port);
  auto document = core::codegen::openapi_document(*schema, info);
  return emit(wants_yaml(output) ? project::to_yaml(document) : document.dump(2) + "\n", output);
}

}  // namespace

void register_gen(CLI::App& app, Dispatch& dispatch) {
  auto* gen = app.add_subcommand("gen", "Generate code from the project's collections");
  gen->require_subcommand(1);
  set_examples(*gen, {"fastcms gen types --output src/fastcms-types.ts", "fastcms gen openapi --output openapi.json"});

  auto types_output = std::make_shared<std::string>();
  auto* types = gen->add_subcommand("types", "TypeScript interfaces for the records of every collection");
  as_file(types->add_option("-o,--output", *types_output, "Write to this file instead of stdout"));
  set_examples(*types, {"fastcms gen types > src/pb-types.ts", "fastcms gen types --output src/pb-types.ts"});
  types->callback([&dispatch, types_output] {
    dispatch.action = [types_output] { return run_gen_types(*types_output); };
  });

  auto openapi_output = std::make_shared<std::string>();
  auto server_url = std::make_shared<std::string>();
  auto* openapi = gen->add_subcommand("openapi", "An OpenAPI 3.1 document of the project's API (records and auth endpoints)");
  as_file(openapi->add_option("-o,--output", *openapi_output,
                              "Write to this file instead of stdout; YAML when it ends in .yaml or .yml, else JSON"));
  openapi->add_option("--server", *server_url, "The server URL the document names (default: http://HOST:PORT from the config)");
  set_examples(*openapi, {"fastcms gen openapi --output openapi.json",
                          "fastcms gen openapi --output openapi.yaml --server https://api.example.com"});
  openapi->callback([&dispatch, openapi_output, server_url] {
    dispatch.action = [openapi_output, server_url] { return run_gen_openapi(*openapi_output, *server_url); };
  });
}

}  // namespace fastcms::cli
