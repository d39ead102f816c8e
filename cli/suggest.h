#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace fastcms::cli {

/// For an argument CLI11 did not recognise, the nearest subcommand or flag of the command
/// that was being parsed ("did you mean ...?"), or "" when nothing is close.
std::string suggest_for(const CLI::App& root, const std::string& unknown);

/// The deepest subcommand selected on the command line ("fastcms collections list" → list).
const CLI::App& deepest_selected(const CLI::App& root);

/// "fastcms collections list" for the command `app`.
std::string command_path(const CLI::App& app);

}  // namespace fastcms::cli
