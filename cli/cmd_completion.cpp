// `fastcms completion bash|zsh|fish`: print a shell completion script generated from the
// command tree (subcommands, flags, and the values of --template, --target, ...).
#include <iostream>

#include "cli/command.h"
#include "cli/completion_tree.h"
#include "cli/option_choices.h"
#include "common/strings.h"

namespace fastcms::cli {

void register_completion(CLI::App& app, Dispatch& dispatch) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  with_choices(cmd->add_option("SHELL", *shell, "The shell to complete in")->required(), completion_shells());
  set_examples(*cmd, {"source <(fastcms completion bash)            # bash, this session",
                      "fastcms completion zsh > \"${fpath[1]}/_fastcms\"   # zsh",
                      "fastcms completion fish > ~/.config/fish/completions/fastcms.fish"});
  cmd->callback([&dispatch, &app, shell] {
    dispatch.action = [&app, shell]() -> Status {
      std::string script = completion_script(completion_tree(app), app.get_name(), *shell);
      if (script.empty())
        return Error::usage("unknown shell \"" + *shell + "\"; choose one of " +
                            strings::join(completion_shells(), ", "));
      std::cout << script;
      return Ok{};
    };
  });
}

}  // namespace fastcms::cli
