#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/migrations/auto_migration.h"

namespace fastcms::core::migrations {

/// A new, empty migration: comments explaining the two markers, then an empty up part and
/// an empty down part for the user to fill in.
std::string blank_migration_text(std::string_view name);

/// A migration written from `migration`: a comment listing the changes, then the up
/// statements and the down statements, one per line, each ending in ";".
std::string auto_migration_text(std::string_view name, const AutoMigration& migration);

/// Writes `content` as app/migrations/<version>_<name>.sql (creating the folder), with the
/// current UTC time as version, waiting for the next second when the latest existing file
/// already has this second's version (versions must be unique and increasing). Refuses
/// when the folder's migrations do not load (load_migration_files). Returns the new file's
/// path relative to the project root.
Result<std::string> write_new_migration(const std::filesystem::path& root, std::string_view name,
                                        const std::string& content);

}  // namespace fastcms::core::migrations
