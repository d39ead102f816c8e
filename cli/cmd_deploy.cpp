// `fastcms deploy --target docker|fly|railway [--dry-run] [--force]`: write the deployment
// files for the current project.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/option_choices.h"
#include "cli/output.h"
#include "core/deploy/deploy.h"
#include "core/deploy/deploy_target.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

struct DeployCliOptions {
  core::deploy::DeployOptions deploy;
  bool dry_run = false;
};

const char* describe(core::deploy::FileAction action, bool dry_run) {
  using core::deploy::FileAction;
  switch (action) {
    case FileAction::create: return dry_run ? "would create" : "created";
    case FileAction::unchanged: return "unchanged";
    case FileAction::overwrite: return dry_run ? "would overwrite" : "overwrote";
    case FileAction::conflict: return "exists with other content (needs --force)";
  }
  return "";
}

void print_dry_run(const core::deploy::DeployPlan& plan) {
  for (const auto& f : plan.files) {
    std::cout << "==> " << f.path << " (" << describe(f.action, true) << ") <==\n" << f.content;
    if (!f.content.empty() && f.content.back() != '\n') std::cout << "\n";
    std::cout << "\n";
  }
}

Status run_deploy(const DeployCliOptions& options) {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project) return project.error();
  auto plan = core::deploy::plan_deploy(project->root, project->config, options.deploy);
  if (!plan) return plan.error();
  if (options.dry_run) {
    print_dry_run(*plan);
    if (!plan->conflicts().empty()) return core::deploy::conflict_error(*plan);
    std::cerr << "Dry run: nothing was written.\n";
    return Ok{};
  }
  if (auto applied = core::deploy::apply_deploy(*plan); !applied) return applied.error();
  for (const auto& f : plan->files) std::cerr << "  " << describe(f.action, false) << " " << f.path << "\n";
  std::cerr << styled(stderr, "1;32", "Ready") << " to deploy to " << plan->target << " from "
            << project->root.string() << "\n\nNext steps:\n";
  for (const auto& step : plan->next_steps) std::cerr << "  " << step << "\n";
  return Ok{};
}

}  // namespace

void register_deploy(CLI::App& app, Dispatch& dispatch) {
  auto options = std::make_shared<DeployCliOptions>();
  auto* cmd = app.add_subcommand("deploy", "Write the deployment files of this project for a hosting target");
  with_choices(cmd->add_option("-t,--target", options->deploy.target, "Where to deploy")->required(),
               core::deploy::target_names());
  cmd->add_flag("--dry-run", options->dry_run, "Print the files that would be written and write nothing");
  cmd->add_flag("-f,--force", options->deploy.force, "Overwrite existing files whose content differs");
  set_examples(*cmd, {"fastcms deploy --target docker", "fastcms deploy --target fly --dry-run",
                      "fastcms deploy --target railway --force"});
  cmd->callback([&dispatch, options] { dispatch.action = [options] { return run_deploy(*options); }; });
}

}  // namespace fastcms::cli
