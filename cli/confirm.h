#pragma once
#include <string>

namespace fastcms::cli {

/// True when stdin is a terminal: only then may a command ask a question.
bool stdin_is_terminal();

/// Asks "<question> [y/N]" on stderr and reads the answer from stdin; true for y or yes.
bool confirm(const std::string& question);

}  // namespace fastcms::cli
