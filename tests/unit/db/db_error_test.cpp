#include <doctest/doctest.h>

#include "db/db_error.h"
#include "db/sqlite/sqlite_database.h"

using fastcms::db::DbErrorKind;

namespace {

fastcms::Error db_error_of(fastcms::db::Database& db, const std::string& sql) {
  auto r = db.exec(sql);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("db error: classification of real SQLite failures") {
  auto opened = fastcms::db::SqliteDatabase::open(fastcms::db::SqliteLocation::memory());
  REQUIRE(opened.ok());
  auto& db = **opened;
  REQUIRE(db.exec_script("CREATE TABLE p (id TEXT PRIMARY KEY);"
                         "CREATE TABLE c (id TEXT PRIMARY KEY, slug TEXT, lang TEXT, n INTEGER NOT NULL CHECK (n > 0),"
                         "  p TEXT REFERENCES p(id), UNIQUE (slug, lang));"
                         "INSERT INTO p VALUES ('a');"
                         "INSERT INTO c VALUES ('1', 's', 'en', 1, 'a');")
              .ok());
  auto dup = db_error_of(db, "INSERT INTO c VALUES ('2', 's', 'en', 1, 'a')");
  CHECK(fastcms::db::classify_db_error(dup) == DbErrorKind::unique_violation);
  CHECK(fastcms::db::unique_violation_columns(dup) == std::vector<std::string>{"slug", "lang"});
  auto pk = db_error_of(db, "INSERT INTO c VALUES ('1', 'x', 'en', 1, 'a')");
  CHECK(fastcms::db::unique_violation_columns(pk) == std::vector<std::string>{"id"});
  CHECK(fastcms::db::classify_db_error(db_error_of(db, "INSERT INTO c VALUES ('3', 'y', 'en', 1, 'zz')")) ==
        DbErrorKind::foreign_key_violation);
  CHECK(fastcms::db::classify_db_error(db_error_of(db, "INSERT INTO c VALUES ('3', 'y', 'en', NULL, 'a')")) ==
        DbErrorKind::not_null_violation);
  CHECK(fastcms::db::classify_db_error(db_error_of(db, "INSERT INTO c VALUES ('3', 'y', 'en', 0, 'a')")) ==
        DbErrorKind::check_violation);
  // Words inside the quoted SQL do not count.
  auto other = db_error_of(db, "SELECT 'UNIQUE constraint failed' FROM nowhere");
  CHECK(fastcms::db::classify_db_error(other) == DbErrorKind::other);
  CHECK(fastcms::db::unique_violation_columns(other).empty());

  REQUIRE(db.close().ok());
  CHECK(fastcms::db::classify_db_error(db_error_of(db, "SELECT 1")) == DbErrorKind::closed);
  CHECK(fastcms::db::classify_db_error(fastcms::Error::failure(
            "SQL error: database is locked (another connection ...) (in: INSERT ...)")) == DbErrorKind::busy);
}
