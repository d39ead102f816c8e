// `fastcms init NAME [--template T] [--force]`: scaffold a project folder.
#include <iostream>

#include "cli/command.h"
#include "cli/option_choices.h"
#include "cli/output.h"
#include "common/strings.h"
#include "core/scaffold/scaffold.h"
#include "core/scaffold/template_catalog.h"

namespace fastcms::cli {

namespace {

Status run_init(const core::scaffold::ScaffoldOptions& options) {
  auto report = core::scaffold::scaffold_project(options);
  if (!report) return report.error();
  std::cerr << styled(stderr, "1;32", "Created") << " project " << report->project_name << " (template "
            << options.template_name << ") in " << report->root.string() << "\n";
  if (!report->kept.empty())
    std::cerr << "Kept existing " << strings::join(report->kept, ", ") << " (not overwritten)\n";
  std::cerr << "\nNext steps:\n";
  for (const auto& step : report->next_steps) std::cerr << "  " << step << "\n";
  return Ok{};
}

}  // namespace

void register_init(CLI::App& app, Dispatch& dispatch) {
  auto options = std::make_shared<core::scaffold::ScaffoldOptions>();
  auto name = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("init", "Create a new project folder from a template");
  cmd->add_option("NAME", *name, "Directory to create (its last component is the project name)")->required();
  with_choices(cmd->add_option("-t,--template", options->template_name, "Project template to start from"),
               core::scaffold::template_names())
      ->default_str("blank");
  cmd->add_flag("-f,--force", options->force,
                "Scaffold into a non-empty directory; files that are not part of the template are kept, "
                "and an existing .env is never overwritten");
  set_examples(*cmd, {"fastcms init my-app", "fastcms init shop --template ecommerce",
                      "fastcms init existing-dir --template blog --force"});
  cmd->callback([&dispatch, options, name] {
    options->target = *name;
    dispatch.action = [options]() { return run_init(*options); };
  });
}

}  // namespace fastcms::cli
