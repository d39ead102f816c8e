#pragma once
#include <CLI/CLI.hpp>
#include <functional>

#include "common/error.h"

namespace fastcms::cli {

/// What a command does once its flags are parsed. Returns Ok or an Error whose kind
/// decides the exit code.
using Action = std::function<Status()>;

/// Parsing fills in the action of the selected command; main() runs it after parsing so
/// that errors from the command and from parsing are reported the same way.
struct Dispatch {
  Action action;
  /// True for commands whose normal end is a signal (the servers): SIGINT/SIGTERM then
  /// exit 0 after a clean shutdown instead of 130.
  bool signal_is_normal_exit = false;
};

/// Each command group registers its subcommands on the root app.
void register_version(CLI::App& app, Dispatch& dispatch);
void register_init(CLI::App& app, Dispatch& dispatch);
void register_collections(CLI::App& app, Dispatch& dispatch);
void register_serve(CLI::App& app, Dispatch& dispatch);
void register_users(CLI::App& app, Dispatch& dispatch);
void register_healthcheck(CLI::App& app, Dispatch& dispatch);
void register_deploy(CLI::App& app, Dispatch& dispatch);
void register_completion(CLI::App& app, Dispatch& dispatch);
void register_gen(CLI::App& app, Dispatch& dispatch);
void register_migrate(CLI::App& app, Dispatch& dispatch);
/// `collections create` (cli/cmd_collections_create.cpp), on the `collections` group.
void register_collections_create(CLI::App& group, Dispatch& dispatch);
void register_backup(CLI::App& app, Dispatch& dispatch);
/// `collections export` and `collections import`, added to the `collections` group.
void register_collections_transfer(CLI::App& group, Dispatch& dispatch);

/// Sets the help footer of `cmd` to an "Examples:" block.
void set_examples(CLI::App& cmd, std::initializer_list<const char*> examples);

}  // namespace fastcms::cli
