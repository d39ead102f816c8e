#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

#include "db/sqlite/sqlite_database.h"

namespace fastcms::test {

/// Opens a SQLite file database for a test, failing the test (with SQLite's message) if
/// it cannot be opened.
inline std::unique_ptr<db::SqliteDatabase> open_test_sqlite(const std::filesystem::path& file,
                                                            db::DatabaseOptions options = {}) {
  auto opened = db::SqliteDatabase::open(db::SqliteLocation::file(file), options);
  if (!opened.ok()) FAIL(opened.error().message);
  return std::move(*opened);
}

}  // namespace fastcms::test
