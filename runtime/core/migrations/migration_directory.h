#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/migrations/migration_file.h"

namespace fastcms::core::migrations {

/// The folder of migrations inside a project root: app/migrations.
std::filesystem::path migrations_dir(const std::filesystem::path& root);

/// Reads and parses every *.sql file of `root`/app/migrations (other files, e.g. its
/// README, are ignored), sorted by version. Refuses, listing every problem with its file
/// and the fix: a bad file name or content (see parse_migration), two files with the same
/// version, and a version later than `now` (a clock or naming mistake: it would run after
/// migrations written later). No folder means no migrations.
Result<std::vector<MigrationFile>> load_migration_files(
    const std::filesystem::path& root, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// The 14-digit UTC version of `t`.
std::string version_of(std::chrono::system_clock::time_point t);

}  // namespace fastcms::core::migrations
