#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace fastcms::cli {

/// Declares the values `opt` accepts: help shows them as its type ("{a,b,c}") and shell
/// completion offers them. Validation stays with the command, which suggests the nearest name.
CLI::Option* with_choices(CLI::Option* opt, const std::vector<std::string>& values);

/// The values declared with with_choices(), or empty.
std::vector<std::string> choices_of(const CLI::Option& opt);

/// Marks `opt` as taking a file path (type "FILE"), which shells complete as paths.
CLI::Option* as_file(CLI::Option* opt);

/// True for options marked with as_file().
bool takes_file(const CLI::Option& opt);

}  // namespace fastcms::cli
