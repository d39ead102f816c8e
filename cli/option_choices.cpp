#include "cli/option_choices.h"

#include "common/strings.h"

namespace fastcms::cli {

namespace {
const char* const file_type = "FILE";
}

CLI::Option* with_choices(CLI::Option* opt, const std::vector<std::string>& values) {
  return opt->type_name("{" + strings::join(values, ",") + "}");
}

std::vector<std::string> choices_of(const CLI::Option& opt) {
  std::string type = opt.get_type_name();
  if (type.size() < 2 || type.front() != '{' || type.back() != '}') return {};
  std::vector<std::string> out;
  std::string current;
  for (char c : type.substr(1, type.size() - 2)) {
    if (c == ',') {
      out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  out.push_back(current);
  return out;
}

CLI::Option* as_file(CLI::Option* opt) { return opt->type_name(file_type); }

bool takes_file(const CLI::Option& opt) { return opt.get_type_name() == file_type; }

}  // namespace fastcms::cli
