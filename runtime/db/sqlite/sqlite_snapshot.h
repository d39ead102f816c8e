#pragma once
#include <filesystem>

#include "common/error.h"

/// Whole-file operations on SQLite database files, independent of any open Database: a
/// consistent copy of a live database and an integrity check. Used by backups.
namespace fastcms::db {

/// Copies the database file `source` into a new file `destination` with SQLite's online
/// backup API, in one read transaction: the copy is the committed state at one instant,
/// even while this or another process keeps writing (WAL readers never block writers).
/// `destination` must not exist. The copy is a self-contained file (journal mode DELETE).
Status snapshot_sqlite_file(const std::filesystem::path& source, const std::filesystem::path& destination);

/// Opens `file` read-only and runs PRAGMA integrity_check; Ok when SQLite answers "ok",
/// else an Error quoting its first findings (or why the file is not a database).
Status check_sqlite_integrity(const std::filesystem::path& file);

}  // namespace fastcms::db
