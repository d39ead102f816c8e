#include "cli/completion_tree.h"

#include "cli/option_choices.h"
#include "common/strings.h"

namespace fastcms::cli {

namespace {

CompletionOption completion_option(const CLI::Option& opt) {
  CompletionOption out;
  for (const auto& l : opt.get_lnames()) out.names.push_back("--" + l);
  for (const auto& s : opt.get_snames()) out.names.push_back("-" + s);
  out.description = opt.get_description();
  out.takes_value = opt.get_type_size() != 0;
  out.choices = choices_of(opt);
  out.file = takes_file(opt);
  return out;
}

void collect(const CLI::App& app, const std::string& path, std::vector<CompletionCommand>& out) {
  CompletionCommand command;
  command.path = path;
  auto visible = [](const CLI::App* sub) { return !sub->get_group().empty(); };
  std::vector<const CLI::App*> subs = app.get_subcommands(visible);
  for (const CLI::App* sub : subs) command.subcommands.emplace_back(sub->get_name(), sub->get_description());
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;
    if (opt->nonpositional()) command.options.push_back(completion_option(*opt));
    else if (auto values = choices_of(*opt); !values.empty()) command.argument_choices = values;
  }
  out.push_back(std::move(command));
  for (const CLI::App* sub : subs) collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

}  // namespace

std::vector<CompletionCommand> completion_tree(const CLI::App& root) {
  std::vector<CompletionCommand> out;
  collect(root, "", out);
  return out;
}

std::vector<std::string> completion_shells() { return {"bash", "fish", "zsh"}; }

std::string completion_script(const std::vector<CompletionCommand>& tree, const std::string& program,
                              const std::string& shell) {
  if (shell == "bash") return bash_completion_script(tree, program);
  if (shell == "zsh") return zsh_completion_script(tree, program);
  if (shell == "fish") return fish_completion_script(tree, program);
  return "";
}

namespace completion_text {

std::string sh_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string fish_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string option_words(const CompletionCommand& command, bool with_value_only) {
  std::vector<std::string> words;
  for (const auto& opt : command.options)
    if (!with_value_only || opt.takes_value) words.insert(words.end(), opt.names.begin(), opt.names.end());
  return strings::join(words, " ");
}

std::string sh_lookup_functions(const std::vector<CompletionCommand>& tree, const std::string& fn) {
  std::string subcommands, options, value_options, choices, files;
  for (const auto& c : tree) {
    std::string key = sh_quote(c.path);
    std::vector<std::string> names;
    for (const auto& [name, description] : c.subcommands) names.push_back(name);
    if (!names.empty()) subcommands += "    " + key + ") echo " + sh_quote(strings::join(names, " ")) + " ;;\n";
    if (!c.options.empty()) options += "    " + key + ") echo " + sh_quote(option_words(c, false)) + " ;;\n";
    if (std::string words = option_words(c, true); !words.empty())
      value_options += "    " + key + ") echo " + sh_quote(words) + " ;;\n";
    if (!c.argument_choices.empty())
      choices += "    " + sh_quote(c.path + "|") + ") echo " + sh_quote(strings::join(c.argument_choices, " ")) + " ;;\n";
    for (const auto& opt : c.options) {
      std::vector<std::string> keys;
      for (const auto& n : opt.names) keys.push_back(sh_quote(c.path + "|" + n));
      if (!opt.choices.empty())
        choices += "    " + strings::join(keys, "|") + ") echo " + sh_quote(strings::join(opt.choices, " ")) + " ;;\n";
      if (opt.file) files += "    " + strings::join(keys, "|") + ") return 0 ;;\n";
    }
  }
  auto by_path = [&](const std::string& name, const std::string& cases) {
    return fn + "_" + name + "() {\n  case \"$1\" in\n" + cases + "  esac\n}\n";
  };
  return by_path("subcommands", subcommands) + by_path("options", options) + by_path("value_options", value_options) +
         fn + "_choices() {\n  case \"$1|$2\" in\n" + choices + "  esac\n}\n" +
         fn + "_file_option() {\n  case \"$1|$2\" in\n" + files + "  esac\n  return 1\n}\n";
}

}  // namespace completion_text

}  // namespace fastcms::cli
