#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

/// One migration file: app/migrations/<UTC yyyymmddHHMMSS>_<snake_name>.sql, an up part
/// after a `-- migrate:up` line and an optional down part after a `-- migrate:down` line.
namespace fastcms::core::migrations {

/// The line that starts the statements `fastcms migrate up` runs.
inline constexpr std::string_view up_marker = "-- migrate:up";
/// The line that starts the statements `fastcms migrate down` runs.
inline constexpr std::string_view down_marker = "-- migrate:down";

struct MigrationFile {
  std::string version;  ///< the 14-digit UTC timestamp, e.g. "20261122030405"
  std::string name;     ///< the snake_case name after it, e.g. "add_tags"
  std::string label;    ///< the path relative to the project root, for messages
  std::string checksum; ///< SHA-256 (hex) of the whole file
  std::string up;       ///< the SQL of the up part
  std::optional<std::string> down;  ///< the SQL of the down part, when it has statements

  /// "<version>_<name>.sql"
  std::string file_name() const;
};

/// "<version>_<name>.sql".
std::string migration_file_name(std::string_view version, std::string_view name);

/// Splits a file name into version and name; an error (naming the expected form) for
/// anything but 14 digits forming a real UTC time, "_", a snake_case name and ".sql".
Result<std::pair<std::string, std::string>> parse_migration_file_name(std::string_view file_name);

/// A name given on the command line as a migration's snake_case name: lower-cased, with
/// spaces and dashes made underscores ("Add Tags" → "add_tags"). An error for an empty
/// name or one with other characters than letters, digits, '_', '-' and spaces.
Result<std::string> snake_migration_name(std::string_view name);

/// Parses a file's content: exactly one `-- migrate:up` line, at most one
/// `-- migrate:down` line after it (markers are whole lines; surrounding spaces ignored).
/// Text before the up marker is a comment. Errors name `label` and the fix.
Result<MigrationFile> parse_migration(std::string_view file_name, std::string_view content, const std::string& label);

}  // namespace fastcms::core::migrations
