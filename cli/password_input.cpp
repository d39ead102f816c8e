#include "cli/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace fastcms::cli {

namespace {

std::string strip_line_end(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

std::string prompt_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old_settings{};
  bool restore = tcgetattr(STDIN_FILENO, &old_settings) == 0;
  if (restore) {
    termios quiet = old_settings;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (restore) tcsetattr(STDIN_FILENO, TCSANOW, &old_settings);
  std::cerr << "\n";
  return strip_line_end(line);
}

}  // namespace

Result<std::string> read_password(bool from_stdin, const std::string& flag_name) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line) && line.empty())
      return Error::usage(flag_name + " was given but stdin is empty: pipe the password in, e.g. "
                          "printf '%s\\n' \"$PASSWORD\" | fastcms …");
    return strip_line_end(line);
  }
  if (!isatty(STDIN_FILENO))
    return Error::usage("no password given and stdin is not a terminal: pass " + flag_name +
                        " and pipe the password in");
  std::string first = prompt_hidden("Password: ");
  std::string second = prompt_hidden("Repeat password: ");
  if (first != second) return Error::usage("the two passwords differ; nothing was changed");
  return first;
}

}  // namespace fastcms::cli
