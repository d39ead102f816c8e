#include <doctest/doctest.h>

#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "db/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using fastcms::db::Blob;
using fastcms::db::DatabaseOptions;
using fastcms::db::Params;
using fastcms::db::SqliteDatabase;
using fastcms::db::SqliteLocation;
using fastcms::db::SqlValue;

namespace {

std::unique_ptr<SqliteDatabase> open_basic_db(const std::filesystem::path& file, DatabaseOptions options = {}) {
  return fastcms::test::open_test_sqlite(file, options);
}

}  // namespace

TEST_CASE("db sqlite: binds and reads back every value type") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");
  REQUIRE(db->exec("CREATE TABLE v (id INTEGER PRIMARY KEY, x)").ok());

  const std::string zeros("a\0b\0\0c", 6);
  const std::vector<SqlValue> values = {
      SqlValue(),
      SqlValue(0),
      SqlValue(std::numeric_limits<std::int64_t>::max()),
      SqlValue(std::numeric_limits<std::int64_t>::min()),
      SqlValue(3.25),
      SqlValue(-1e300),
      SqlValue(""),
      SqlValue("héllo wörld ✓ 日本語 🎉"),
      SqlValue(std::string("nul\0inside", 10)),
      SqlValue(Blob{zeros}),
      SqlValue(Blob{}),
      SqlValue(Blob{std::string("\xff\xfe\x00\x01", 4)}),
  };
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto r = db->exec("INSERT INTO v (id, x) VALUES (?, ?)", {static_cast<std::int64_t>(i), values[i]});
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    CHECK(r->changes == 1);
    CHECK(r->last_insert_rowid == static_cast<std::int64_t>(i));
  }
  auto rows = db->query("SELECT id, x, typeof(x) AS t FROM v ORDER BY id");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    CAPTURE(i);
    CHECK((*rows)[i]["x"] == values[i]);
    CHECK((*rows)[i][1] == values[i]);
  }
  CHECK((*rows)[0]["t"] == SqlValue("null"));
  CHECK((*rows)[2]["t"] == SqlValue("integer"));
  CHECK((*rows)[4]["t"] == SqlValue("real"));
  CHECK((*rows)[7]["t"] == SqlValue("text"));
  CHECK((*rows)[9]["t"] == SqlValue("blob"));
  CHECK((*rows)[10]["t"] == SqlValue("blob"));  // an empty blob stays a blob, not NULL
  CHECK(db->query_value("SELECT length(x) FROM v WHERE id = 9")->to_int64() == 6);

  // Parameters compare with the stored values by type.
  auto found = db->query_value("SELECT id FROM v WHERE x = ?", {SqlValue(Blob{zeros})});
  REQUIRE(found.ok());
  CHECK(*found == SqlValue(9));
}

TEST_CASE("db sqlite: rows of one query share their column names") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");
  REQUIRE(db->exec_script("CREATE TABLE t (a, b); INSERT INTO t VALUES (1, 2), (3, 4), (5, 6);").ok());
  auto first = db->query("SELECT a, b FROM t");
  auto second = db->query("SELECT a, b FROM t");
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(first->size() == 3);
  CHECK((*first)[0].column_set().get() == (*first)[2].column_set().get());
  // The cached statement keeps its column set across executions, too.
  CHECK((*first)[0].column_set().get() == (*second)[0].column_set().get());
  CHECK((*first)[1]["b"] == SqlValue(4));
}

TEST_CASE("db sqlite: query_one, query_value, for_each_row and exec results") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");
  REQUIRE(db->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"
                          "INSERT INTO t (name) VALUES ('a'), ('b'), ('c');")
              .ok());
  auto one = db->query_one("SELECT name FROM t ORDER BY id");
  REQUIRE(one.ok());
  REQUIRE(one->has_value());
  CHECK((**one)["name"] == SqlValue("a"));
  auto none = db->query_one("SELECT name FROM t WHERE id = ?", {99});
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  CHECK(db->query_value("SELECT count(*) FROM t")->to_int64() == 3);
  CHECK(db->query_value("SELECT name FROM t WHERE 0")->is_null());

  std::vector<std::string> seen;
  auto st = db->for_each_row("SELECT name FROM t ORDER BY id", {}, [&](const fastcms::db::Row& r) -> fastcms::Status {
    seen.push_back(r["name"].to_text());
    if (seen.size() == 2) return fastcms::Error::failure("enough");
    return fastcms::Ok{};
  });
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message == "enough");
  CHECK(seen == std::vector<std::string>{"a", "b"});

  auto upd = db->exec("UPDATE t SET name = upper(name) WHERE id >= ?", {2});
  REQUIRE(upd.ok());
  CHECK(upd->changes == 2);
  auto sel = db->exec("SELECT * FROM t");
  REQUIRE(sel.ok());
  CHECK(sel->changes == 0);

  // A writing statement given to query runs on the writer (readers are query_only).
  auto returning = db->query("INSERT INTO t (name) VALUES (?) RETURNING id, name", {"d"});
  REQUIRE_MESSAGE(returning.ok(), (returning.ok() ? "" : returning.error().message));
  REQUIRE(returning->size() == 1);
  CHECK((*returning)[0]["id"] == SqlValue(4));
  CHECK(db->query_value("SELECT count(*) FROM t")->to_int64() == 4);
}

TEST_CASE("db sqlite: errors name SQLite's message and the SQL") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");

  auto missing = db->query("SELECT * FROM posts");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "SQL error: no such table: posts (in: SELECT * FROM posts)");

  auto syntax = db->exec("INSERT INTO");
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().message.find("(in: INSERT INTO)") != std::string::npos);

  REQUIRE(db->exec("CREATE TABLE u (email TEXT UNIQUE NOT NULL)").ok());
  REQUIRE(db->exec("INSERT INTO u VALUES (?)", {"a@x.io"}).ok());
  auto dup = db->exec("INSERT INTO u VALUES (?)", {"a@x.io"});
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().message.find("UNIQUE constraint failed: u.email") != std::string::npos);
  CHECK(dup.error().message.find("(in: INSERT INTO u VALUES (?))") != std::string::npos);

  auto arity = db->query("SELECT ?, ?", {1});
  REQUIRE_FALSE(arity.ok());
  CHECK(arity.error().message.find("takes 2 parameter(s) but 1 were given") != std::string::npos);

  auto several = db->exec("DELETE FROM u; DROP TABLE u");
  REQUIRE_FALSE(several.ok());
  CHECK(several.error().message.find("use exec_script") != std::string::npos);
  CHECK(db->query_value("SELECT count(*) FROM u")->to_int64() == 1);  // nothing ran

  CHECK(db->query("SELECT 1; -- trailing comment").ok());
  CHECK(db->query("SELECT 1;;  ").ok());
  auto empty = db->query("  ");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("empty statement") != std::string::npos);

  // Long SQL is abbreviated in the message.
  std::string long_sql = "SELECT * FROM nope WHERE x IN (" + std::string(1000, '1') + ")";
  auto long_err = db->query(long_sql);
  REQUIRE_FALSE(long_err.ok());
  CHECK(long_err.error().message.size() < 600);
  CHECK(long_err.error().message.find("...)") != std::string::npos);

  // The statement cache survives errors: the same statements work afterwards.
  CHECK(db->exec("INSERT INTO u VALUES (?)", {"b@x.io"}).ok());
}

TEST_CASE("db sqlite: PRAGMAs are in effect on the writer and the readers") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");
  auto pragma = [](fastcms::db::Connection& c, const std::string& name) {
    auto v = c.query_value("PRAGMA " + name);
    REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
    return *v;
  };
  // Readers (query outside a transaction).
  CHECK(pragma(*db, "journal_mode") == SqlValue("wal"));
  CHECK(pragma(*db, "busy_timeout") == SqlValue(10000));
  CHECK(pragma(*db, "foreign_keys") == SqlValue(1));
  CHECK(pragma(*db, "synchronous") == SqlValue(1));  // NORMAL
  CHECK(pragma(*db, "query_only") == SqlValue(1));
  // The writer (inside a transaction).
  auto st = db->transaction([&](fastcms::db::Connection& c) -> fastcms::Status {
    CHECK(pragma(c, "journal_mode") == SqlValue("wal"));
    CHECK(pragma(c, "busy_timeout") == SqlValue(10000));
    CHECK(pragma(c, "foreign_keys") == SqlValue(1));
    CHECK(pragma(c, "synchronous") == SqlValue(1));
    CHECK(pragma(c, "query_only") == SqlValue(0));
    return fastcms::Ok{};
  });
  REQUIRE(st.ok());
  CHECK(db->reader_count() == DatabaseOptions{}.readers);

  // Foreign keys are enforced.
  REQUIRE(db->exec_script("CREATE TABLE a (id TEXT PRIMARY KEY);"
                          "CREATE TABLE b (a_id TEXT REFERENCES a(id));")
              .ok());
  auto fk = db->exec("INSERT INTO b VALUES (?)", {"missing"});
  REQUIRE_FALSE(fk.ok());
  CHECK(fk.error().message.find("FOREIGN KEY constraint failed") != std::string::npos);

  // The busy timeout is configurable.
  fastcms::test::TempDir dir2;
  auto quick = open_basic_db(dir2 / "q.db", DatabaseOptions{.readers = 1, .busy_timeout = std::chrono::milliseconds(250), .logger = {}});
  CHECK(pragma(*quick, "busy_timeout") == SqlValue(250));
  CHECK(quick->reader_count() == 1);
}

TEST_CASE("db sqlite: another connection's write lock gives 'database is locked'") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");
  REQUIRE(db->exec("CREATE TABLE t (x)").ok());
  // A second, independent database object stands for another process.
  auto other = open_basic_db(dir / "app.db", DatabaseOptions{.readers = 1, .busy_timeout = std::chrono::milliseconds(50), .logger = {}});
  auto st = db->transaction([&](fastcms::db::Connection& c) -> fastcms::Status {
    REQUIRE(c.exec("INSERT INTO t VALUES (1)").ok());
    auto blocked = other->exec("INSERT INTO t VALUES (2)");
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error().message.find("database is locked") != std::string::npos);
    CHECK(blocked.error().message.find("(in: INSERT INTO t VALUES (2))") != std::string::npos);
    // Its reads still work (WAL) and do not see the uncommitted row.
    CHECK(other->query_value("SELECT count(*) FROM t")->to_int64() == 0);
    return fastcms::Ok{};
  });
  REQUIRE(st.ok());
  CHECK(other->query_value("SELECT count(*) FROM t")->to_int64() == 1);
  CHECK(other->exec("INSERT INTO t VALUES (2)").ok());
}

TEST_CASE("db sqlite: opening fails clearly") {
  fastcms::test::TempDir dir;
  auto missing = SqliteDatabase::open(SqliteLocation::file(dir / "no" / "such" / "app.db"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("cannot open database") != std::string::npos);
  CHECK(missing.error().message.find("app.db") != std::string::npos);

  fastcms::test::write_file(dir / "junk.db", std::string(4096, 'x'));
  auto junk = SqliteDatabase::open(SqliteLocation::file(dir / "junk.db"));
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.error().message.find("not a database") != std::string::npos);
}

TEST_CASE("db sqlite: statement logger sees each statement with its duration") {
  fastcms::test::TempDir dir;
  std::mutex mu;
  std::vector<std::string> logged;
  auto logger = [&](std::string_view sql, std::chrono::nanoseconds d) {
    std::lock_guard lock(mu);
    CHECK(d.count() >= 0);
    logged.emplace_back(sql);
  };
  auto db = open_basic_db(dir / "app.db");
  db->set_statement_logger(logger);
  REQUIRE(db->exec("CREATE TABLE t (x)").ok());
  REQUIRE(db->query("SELECT * FROM t").ok());
  REQUIRE(db->transaction([](fastcms::db::Connection& c) -> fastcms::Status {
    auto r = c.exec("INSERT INTO t VALUES (1)");
    if (!r) return r.error();
    return fastcms::Ok{};
  }).ok());
  REQUIRE(db->exec_script("INSERT INTO t VALUES (2); INSERT INTO t VALUES (3);").ok());
  (void)db->query("SELECT nope FROM t");
  db->set_statement_logger(nullptr);
  REQUIRE(db->query("SELECT 'unlogged'").ok());

  std::vector<std::string> expected = {"CREATE TABLE t (x)",        "SELECT * FROM t",
                                       "BEGIN IMMEDIATE",           "INSERT INTO t VALUES (1)",
                                       "COMMIT",                    "INSERT INTO t VALUES (2)",
                                       "INSERT INTO t VALUES (3)",  "SELECT nope FROM t"};
  CHECK(logged == expected);
}

TEST_CASE("db sqlite: close checkpoints the WAL and later calls fail") {
  fastcms::test::TempDir dir;
  auto db = open_basic_db(dir / "app.db");
  REQUIRE(db->exec_script("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);").ok());
  CHECK(std::filesystem::exists(dir / "app.db-wal"));
  CHECK(db->checkpoint().ok());
  CHECK(std::filesystem::file_size(dir / "app.db-wal") == 0);
  REQUIRE(db->exec("INSERT INTO t VALUES (3)").ok());
  REQUIRE(db->close().ok());
  CHECK(db->close().ok());  // idempotent
  CHECK((!std::filesystem::exists(dir / "app.db-wal") || std::filesystem::file_size(dir / "app.db-wal") == 0));
  auto after = db->query("SELECT 1");
  REQUIRE_FALSE(after.ok());
  CHECK(after.error().message == "database is closed");
  CHECK_FALSE(db->exec("SELECT 1").ok());
  CHECK_FALSE(db->transaction([](fastcms::db::Connection&) -> fastcms::Status { return fastcms::Ok{}; }).ok());

  auto reopened = open_basic_db(dir / "app.db");
  CHECK(reopened->query_value("SELECT count(*) FROM t")->to_int64() == 3);
}

TEST_CASE("db sqlite: an in-memory database works on one connection") {
  auto db = SqliteDatabase::open(SqliteLocation::memory());
  REQUIRE(db.ok());
  CHECK((*db)->reader_count() == 0);
  REQUIRE((*db)->exec("CREATE TABLE t (x)").ok());
  REQUIRE((*db)->exec("INSERT INTO t VALUES (?)", {Params::value_type("m")}).ok());
  CHECK((*db)->query_value("SELECT x FROM t")->to_text() == "m");
  auto other = SqliteDatabase::open(SqliteLocation::memory());
  REQUIRE(other.ok());
  CHECK_FALSE((*other)->query("SELECT x FROM t").ok());  // private to each object
}
