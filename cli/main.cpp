// fastcms: the command-line entry point. Parses flags with CLI11, runs the selected
// command and turns its outcome into an exit code (0 ok, 1 failure, 2 usage, 130 interrupted).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/suggest.h"
#include "common/build_info.h"
#include "cli/allocator_tuning.h"
#include "common/interrupt.h"
#include "common/strings.h"

namespace fastcms::cli {

void set_examples(CLI::App& cmd, std::initializer_list<const char*> examples) {
  std::string footer = "\nExamples:";
  for (const char* e : examples) footer += std::string("\n  ") + e;
  cmd.footer(footer);
}

namespace {

int report_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App& where = deepest_selected(app);
  std::string hint_cmd = command_path(where) + " --help";
  // CLI11 reports an unknown command as "subcommand required" and an unknown flag as
  // "extras"; either way the leftover argument is what the user mistyped.
  std::vector<std::string> rest = where.remaining();
  if (rest.empty()) rest = app.remaining();
  if (!rest.empty() && (dynamic_cast<const CLI::ExtrasError*>(&e) || dynamic_cast<const CLI::RequiredError*>(&e))) {
    const std::string& unknown = rest.front();
    bool has_subcommands = !where.get_subcommands({}).empty();
    std::string what = unknown.starts_with("-") ? "unknown flag" : has_subcommands ? "unknown command" : "unexpected argument";
    std::string message = what + " '" + unknown + "' for `" + command_path(where) + "`";
    std::string guess = suggest_for(app, unknown);
    if (!guess.empty()) message += "; did you mean '" + guess + "'?";
    print_error(message);
  } else if (dynamic_cast<const CLI::RequiredError*>(&e) && !where.get_subcommands({}).empty() &&
             where.get_subcommands().empty()) {
    std::vector<std::string> names;
    for (const CLI::App* sub : where.get_subcommands({})) names.push_back(sub->get_name());
    print_error("`" + command_path(where) + "` needs a command: " + strings::join(names, ", "));
  } else {
    print_error(e.what());
  }
  print_hint("Run `" + hint_cmd + "` for usage.");
  return exit_code::usage;
}

int exit_code_for(const Error& error) {
  switch (error.kind) {
    case ErrorKind::usage: return exit_code::usage;
    case ErrorKind::interrupted: return exit_code::interrupted;
    case ErrorKind::failure: break;
  }
  return exit_code::failure;
}

}  // namespace
}  // namespace fastcms::cli

int main(int argc, char** argv) {
  using namespace fastcms;
  using namespace fastcms::cli;
  tune_allocator_for_server(argc, argv);

  CLI::App app{"fastcms: a backend in one binary. Scaffold a project, serve it as a PocketBase-compatible API, and manage it.",
               "fastcms"};
  app.set_version_flag("--version", std::string("fastcms ") + build::version);
  app.require_subcommand(1);
  app.fallthrough(false);
  set_examples(app, {"fastcms init my-app --template blog", "cd my-app && fastcms dev",
                     "fastcms collections list",
                     "fastcms version --json"});

  Dispatch dispatch;
  register_init(app, dispatch);
  register_collections(app, dispatch);
  register_migrate(app, dispatch);
  register_serve(app, dispatch);
  register_users(app, dispatch);
  register_backup(app, dispatch);
  register_deploy(app, dispatch);
  register_gen(app, dispatch);
  register_healthcheck(app, dispatch);
  register_version(app, dispatch);
  register_completion(app, dispatch);

  if (argc == 1) {
    std::cerr << app.help();
    return exit_code::usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? exit_code::success : exit_code::usage;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? exit_code::success : exit_code::usage;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return exit_code::success;
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e);
  }

  if (!dispatch.action) {
    std::cout << app.help();
    return exit_code::usage;
  }
  interrupt::install_handlers();
  try {
    Status status = dispatch.action();
    if (!status) {
      print_error(status.error().message);
      return exit_code_for(status.error());
    }
    if (interrupt::requested() && !dispatch.signal_is_normal_exit) return exit_code::interrupted;
    return exit_code::success;
  } catch (const std::exception& e) {
    print_error(std::string("unexpected failure: ") + e.what());
    return exit_code::failure;
  }
}
