// `fastcms gen types [--output FILE]`: code generated from the project's collections.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/option_choices.h"
#include "common/files.h"
#include "core/codegen/project_schema.h"
#include "core/codegen/typescript_types.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

/// Writes `text` atomically to `output`, or to stdout when `output` is empty.
Status emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return Ok{};
  }
  if (auto written = files::write_atomic(output, text); !written) return written.error();
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

}  // namespace

void register_gen(CLI::App& app, Dispatch& dispatch) {
  auto* gen = app.add_subcommand("gen", "Generate code from the project's collections");
  gen->require_subcommand(1);
  set_examples(*gen, {"fastcms gen types --output src/fastcms-types.ts"});

  auto types_output = std::make_shared<std::string>();
  auto* types = gen->add_subcommand("types", "TypeScript interfaces for the records of every collection");
  as_file(types->add_option("-o,--output", *types_output, "Write to this file instead of stdout"));
  set_examples(*types, {"fastcms gen types > src/pb-types.ts", "fastcms gen types --output src/pb-types.ts"});
  types->callback([&dispatch, types_output] {
    dispatch.action = [types_output] { return run_gen_types(*types_output); };
  });
}

}  // namespace fastcms::cli
