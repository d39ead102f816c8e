#pragma once
#include <filesystem>
#include <string_view>

#include "common/error.h"

namespace fastcms::db {

/// Where a SQLite database lives: a file, or a private in-memory database.
struct SqliteLocation {
  bool in_memory = false;
  std::filesystem::path path;  ///< absolute or base-relative file path; empty when in_memory

  static SqliteLocation memory() { return {true, {}}; }
  static SqliteLocation file(std::filesystem::path p) { return {false, std::move(p)}; }
};

/// Parses a sqlite: database URL. Accepted forms:
///   sqlite://data/app.db   relative to `base_dir` (the project root) → base_dir/data/app.db
///   sqlite:data/app.db     the same
///   sqlite:///abs/app.db   an absolute path (also sqlite:/abs/app.db)
///   sqlite::memory:        a private in-memory database (also sqlite://:memory:)
/// The rest of the URL is taken literally as a file path (no query string, no %-decoding).
/// A URL that is not sqlite:, names no file or names a directory (ends with '/') is a
/// usage error that quotes the URL and shows the expected form.
Result<SqliteLocation> parse_sqlite_url(std::string_view url, const std::filesystem::path& base_dir);

/// True when `url` uses the sqlite: scheme (whatever follows).
bool is_sqlite_url(std::string_view url);

}  // namespace fastcms::db
