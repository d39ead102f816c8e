#include "core/deploy/deploy.h"

#include "common/files.h"
#include "common/interrupt.h"
#include "common/strings.h"
#include "core/deploy/deploy_target.h"
#include "core/scaffold/render.h"

namespace fastcms::core::deploy {

namespace fs = std::filesystem;

namespace {

Error unknown_target(const std::string& name) {
  auto names = target_names();
  std::string guess = strings::nearest(name, names);
  return Error::usage("unknown deploy target \"" + name + "\"" +
                      (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)") +
                      "; valid targets: " + strings::join(names, ", "));
}

Result<FileAction> action_for(const fs::path& path, const std::string& content, bool force) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return FileAction::create;
  if (fs::is_directory(path, ec))
    return Error::failure(path.string() + " is a directory; move it away to deploy");
  auto current = fastcms::files::read(path);
  if (!current) return current.error();
  if (*current == content) return FileAction::unchanged;
  return force ? FileAction::overwrite : FileAction::conflict;
}

}  // namespace

std::vector<std::string> DeployPlan::conflicts() const {
  std::vector<std::string> out;
  for (const auto& f : files)
    if (f.action == FileAction::conflict) out.push_back(f.path);
  return out;
}

Result<DeployPlan> plan_deploy(const fs::path& root, const project::Config& config, const DeployOptions& options) {
  auto target = find_target(options.target);
  if (!target) return unknown_target(options.target);
  DeployVars vars{config.name.empty() ? root.filename().string() : config.name, config.port};
  DeployPlan plan;
  plan.target = target->name;
  plan.root = root;
  for (auto& [path, content] : render_target(*target, vars)) {
    auto action = action_for(root / path, content, options.force);
    if (!action) return action.error();
    plan.files.push_back({path, std::move(content), *action});
  }
  auto values = template_vars(vars);
  for (const auto& step : target->next_steps) plan.next_steps.push_back(scaffold::render(step, values));
  return plan;
}

Error conflict_error(const DeployPlan& plan) {
  auto names = plan.conflicts();
  return Error::failure(strings::join(names, ", ") + (names.size() == 1 ? " already exists" : " already exist") +
                        " with other content; nothing was written. Pass --force to overwrite (see the new "
                        "content with --dry-run), or move the file" + (names.size() == 1 ? "" : "s") + " away");
}

Status apply_deploy(const DeployPlan& plan) {
  if (!plan.conflicts().empty()) return conflict_error(plan);
  for (const auto& f : plan.files) {
    if (f.action != FileAction::create && f.action != FileAction::overwrite) continue;
    if (interrupt::requested()) return Error::interrupted("interrupted; some deployment files were already written");
    if (auto written = fastcms::files::write_atomic(plan.root / f.path, f.content); !written) return written.error();
  }
  return Ok{};
}

}  // namespace fastcms::core::deploy
