#include "cli/confirm.h"

#include <unistd.h>

#include <iostream>

#include "common/strings.h"

namespace fastcms::cli {

bool stdin_is_terminal() { return isatty(STDIN_FILENO) != 0; }

bool confirm(const std::string& question) {
  std::cerr << question << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  answer = strings::to_lower(strings::trim(answer));
  return answer == "y" || answer == "yes";
}

}  // namespace fastcms::cli
