#pragma once
#include <cstdio>
#include <string>

namespace fastcms::cli {

/// True when `stream` is a terminal, NO_COLOR is unset and TERM is not "dumb".
bool color_enabled(FILE* stream);

/// `text` wrapped in the ANSI style `code` (e.g. "1;31") when colour is enabled on `stream`.
std::string styled(FILE* stream, const char* code, const std::string& text);

/// Prints "error: <message>" (red "error:" on a colour terminal) to stderr; each extra
/// line of a multi-line message is indented.
void print_error(const std::string& message);

/// Prints a dim hint line to stderr.
void print_hint(const std::string& message);

}  // namespace fastcms::cli
