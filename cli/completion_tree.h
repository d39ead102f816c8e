#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace fastcms::cli {

/// One flag or option of a command, as shells complete it.
struct CompletionOption {
  std::vector<std::string> names;    ///< "--target", "-t"
  std::string description;
  bool takes_value = false;
  std::vector<std::string> choices;  ///< values to offer (with_choices)
  bool file = false;                 ///< the value is a path (as_file)
};

/// One command of the tree ("" is fastcms itself, "collections list" a nested one).
struct CompletionCommand {
  std::string path;
  std::vector<std::pair<std::string, std::string>> subcommands;  ///< name, description
  std::vector<CompletionOption> options;
  std::vector<std::string> argument_choices;  ///< values of a positional argument declared with choices
};

/// Every command reachable from `root`, parents before children, in CLI11's order; hidden
/// commands (no group) are left out.
std::vector<CompletionCommand> completion_tree(const CLI::App& root);

/// The names of the shells a completion script can be generated for ("bash", "fish", "zsh").
std::vector<std::string> completion_shells();

/// The completion script for `shell`, generated from `tree` for the command `program`.
/// Empty for a shell not in completion_shells().
std::string completion_script(const std::vector<CompletionCommand>& tree, const std::string& program,
                              const std::string& shell);

/// Each shell's script (completion_bash.cpp, completion_zsh.cpp, completion_fish.cpp).
std::string bash_completion_script(const std::vector<CompletionCommand>& tree, const std::string& program);
std::string zsh_completion_script(const std::vector<CompletionCommand>& tree, const std::string& program);
std::string fish_completion_script(const std::vector<CompletionCommand>& tree, const std::string& program);

/// Helpers shared by the three generators.
namespace completion_text {
/// `text` between single quotes for a POSIX shell (bash, zsh).
std::string sh_quote(const std::string& text);
/// `text` between single quotes for fish.
std::string fish_quote(const std::string& text);
/// Space-separated names of the options of `command` (all their names); with `with_value`
/// only those taking a value.
std::string option_words(const CompletionCommand& command, bool with_value_only);
/// The lookup functions the bash and zsh scripts share, named `<fn>_subcommands PATH`,
/// `<fn>_options PATH`, `<fn>_value_options PATH`, `<fn>_choices PATH OPTION` (OPTION ''
/// for the positional argument) and `<fn>_file_option PATH OPTION` (status 0 for a path).
std::string sh_lookup_functions(const std::vector<CompletionCommand>& tree, const std::string& fn);
}  // namespace completion_text

}  // namespace fastcms::cli
