#pragma once
#include <string>

#include "common/error.h"

namespace fastcms::cli {

/// Reads a password: the first line of stdin with `from_stdin` (for scripts: printf … |),
/// otherwise asks twice on the terminal without echo. Refuses when stdin is not a
/// terminal and `from_stdin` was not given, naming the flag to use.
Result<std::string> read_password(bool from_stdin, const std::string& flag_name);

}  // namespace fastcms::cli
