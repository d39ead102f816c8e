#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "db/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using fastcms::Ok;
using fastcms::Status;
using fastcms::db::Connection;
using fastcms::db::DatabaseOptions;
using fastcms::db::SqliteDatabase;
using fastcms::db::SqliteLocation;
using fastcms::db::SqlValue;

namespace {

std::unique_ptr<SqliteDatabase> open_cache_db(const std::filesystem::path& file, std::size_t cache_size) {
  DatabaseOptions options;
  options.readers = 1;
  options.statement_cache_size = cache_size;
  return fastcms::test::open_test_sqlite(file, options);
}

}  // namespace

TEST_CASE("db statement cache: the same SQL is prepared once per connection") {
  fastcms::test::TempDir dir;
  auto db = open_cache_db(dir / "app.db", 16);
  REQUIRE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());

  auto w0 = db->writer_cache_stats();
  for (int i = 0; i < 10; ++i) REQUIRE(db->exec("INSERT INTO t (v) VALUES (?)", {"v" + std::to_string(i)}).ok());
  auto w1 = db->writer_cache_stats();
  CHECK(w1.prepares - w0.prepares == 1);
  CHECK(w1.hits - w0.hits == 9);

  auto r0 = db->reader_cache_stats();
  for (int i = 0; i < 10; ++i) {
    auto v = db->query_value("SELECT v FROM t WHERE id = ?", {i + 1});
    REQUIRE(v.ok());
    CHECK(*v == SqlValue("v" + std::to_string(i)));  // bindings from one run never leak into the next
  }
  auto r1 = db->reader_cache_stats();
  CHECK(r1.prepares - r0.prepares == 1);
  CHECK(r1.hits - r0.hits == 9);
}

TEST_CASE("db statement cache: bounded, least recently used evicted") {
  fastcms::test::TempDir dir;
  auto db = open_cache_db(dir / "app.db", 4);
  for (int i = 0; i < 20; ++i) REQUIRE(db->exec("SELECT " + std::to_string(i)).ok());
  auto s = db->writer_cache_stats();
  CHECK(s.capacity == 4);
  CHECK(s.size == 4);

  // The most recent four are hits; an evicted one is prepared again.
  auto before = db->writer_cache_stats();
  REQUIRE(db->exec("SELECT 19").ok());
  REQUIRE(db->exec("SELECT 16").ok());
  CHECK(db->writer_cache_stats().prepares == before.prepares);
  REQUIRE(db->exec("SELECT 0").ok());
  CHECK(db->writer_cache_stats().prepares == before.prepares + 1);
  CHECK(db->writer_cache_stats().size == 4);
}

TEST_CASE("db statement cache: cached statements follow schema changes") {
  fastcms::test::TempDir dir;
  auto db = open_cache_db(dir / "app.db", 8);
  REQUIRE(db->exec_script("CREATE TABLE t (a); INSERT INTO t VALUES (1);").ok());
  auto first = db->query("SELECT * FROM t");
  REQUIRE(first.ok());
  CHECK((*first)[0].columns() == std::vector<std::string>{"a"});
  REQUIRE(db->exec("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'").ok());
  auto second = db->query("SELECT * FROM t");
  REQUIRE(second.ok());
  CHECK((*second)[0].columns() == std::vector<std::string>{"a", "b"});
  CHECK((*second)[0]["b"] == SqlValue("x"));
  REQUIRE(db->exec("DROP TABLE t").ok());
  auto third = db->query("SELECT * FROM t");
  REQUIRE_FALSE(third.ok());
  CHECK(third.error().message.find("no such table: t") != std::string::npos);
}

TEST_CASE("db statement cache: a statement reused while it runs gets its own copy") {
  fastcms::test::TempDir dir;
  auto db = open_cache_db(dir / "app.db", 1);
  REQUIRE(db->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, parent INTEGER);"
                          "INSERT INTO t VALUES (1, NULL), (2, 1), (3, 2);")
              .ok());
  const std::string sql = "SELECT id, parent FROM t WHERE id >= ? ORDER BY id";
  auto st = db->transaction([&](Connection& c) -> Status {
    int outer = 0;
    auto s = c.for_each_row(sql, {1}, [&](const fastcms::db::Row& row) -> Status {
      ++outer;
      // Same SQL and a different one (which, with a capacity of 1, would evict the
      // running statement if it were not protected).
      auto inner = c.query(sql, {row["id"].to_int64()});
      if (!inner) return inner.error();
      CHECK(inner->size() == static_cast<std::size_t>(4 - row["id"].to_int64()));
      auto other = c.query_value("SELECT count(*) FROM t");
      if (!other) return other.error();
      return Ok{};
    });
    CHECK(outer == 3);
    return s;
  });
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
}
