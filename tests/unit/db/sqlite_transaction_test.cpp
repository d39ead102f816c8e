#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "db/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using fastcms::Error;
using fastcms::Ok;
using fastcms::Status;
using fastcms::db::Connection;
using fastcms::db::SqliteDatabase;
using fastcms::db::SqliteLocation;
using fastcms::db::SqlValue;

namespace {

std::unique_ptr<SqliteDatabase> open_tx_db(const std::filesystem::path& file) {
  auto db = fastcms::test::open_test_sqlite(file);
  REQUIRE(db->exec_script("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                             "INSERT INTO items (name) VALUES ('one'), ('two');")
              .ok());
  return db;
}

std::string tx_snapshot(SqliteDatabase& db) {
  auto rows = db.query("SELECT id, name FROM items ORDER BY id");
  REQUIRE(rows.ok());
  std::string out;
  for (const auto& r : *rows) out += r["id"].to_text() + "=" + r["name"].to_text() + ";";
  auto tables = db.query_value("SELECT group_concat(name, ',') FROM sqlite_master WHERE type = 'table'");
  REQUIRE(tables.ok());
  return out + " tables:" + tables->to_text();
}

Status tx_check(const fastcms::Result<fastcms::db::ExecResult>& r) {
  if (!r) return r.error();
  return Ok{};
}

}  // namespace

TEST_CASE("db transaction: commits on Ok") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  auto st = db->transaction([](Connection& c) -> Status {
    if (auto s = tx_check(c.exec("INSERT INTO items (name) VALUES (?)", {"three"})); !s) return s;
    if (auto s = tx_check(c.exec("UPDATE items SET name = ? WHERE id = 1", {"uno"})); !s) return s;
    // The transaction's own reads see its writes.
    CHECK(c.query_value("SELECT count(*) FROM items")->to_int64() == 3);
    return Ok{};
  });
  REQUIRE(st.ok());
  CHECK(tx_snapshot(*db) == "1=uno;2=two;3=three; tables:items");
}

TEST_CASE("db transaction: rolls back on an error, leaving the table unchanged") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  const std::string before = tx_snapshot(*db);

  auto returned = db->transaction([](Connection& c) -> Status {
    REQUIRE(c.exec("INSERT INTO items (name) VALUES ('x')").ok());
    REQUIRE(c.exec("DELETE FROM items WHERE id = 1").ok());
    return Error::failure("validation failed");
  });
  REQUIRE_FALSE(returned.ok());
  CHECK(returned.error().message == "validation failed");
  CHECK(tx_snapshot(*db) == before);

  auto failing_sql = db->transaction([](Connection& c) -> Status {
    REQUIRE(c.exec("INSERT INTO items (name) VALUES ('y')").ok());
    return tx_check(c.exec("INSERT INTO items (name) VALUES (NULL)"));  // NOT NULL
  });
  REQUIRE_FALSE(failing_sql.ok());
  CHECK(failing_sql.error().message.find("NOT NULL constraint failed: items.name") != std::string::npos);
  CHECK(tx_snapshot(*db) == before);
}

TEST_CASE("db transaction: rolls back on an exception and rethrows it") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  const std::string before = tx_snapshot(*db);
  CHECK_THROWS_AS(db->transaction([](Connection& c) -> Status {
    REQUIRE(c.exec("UPDATE items SET name = 'changed'").ok());
    REQUIRE(c.exec("CREATE TABLE extra (x)").ok());
    throw std::runtime_error("boom");
  }),
                  std::runtime_error);
  CHECK(tx_snapshot(*db) == before);
  // The writer was released: later writes and transactions work.
  CHECK(db->exec("INSERT INTO items (name) VALUES ('after')").ok());
  CHECK(db->transaction([](Connection& c) -> Status { return tx_check(c.exec("DELETE FROM items WHERE name = 'after'")); })
            .ok());
  CHECK(tx_snapshot(*db) == before);
}

TEST_CASE("db transaction: a failing statement in the middle of a script leaves the database unchanged") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  const std::string before = tx_snapshot(*db);
  const std::string script =
      "CREATE TABLE posts (id TEXT PRIMARY KEY, title TEXT);\n"
      "INSERT INTO posts VALUES ('p1', 'hello');\n"
      "UPDATE items SET name = 'migrated';\n"
      "INSERT INTO no_such_table VALUES (1);\n"
      "CREATE INDEX idx_posts_title ON posts (title);\n";
  auto st = db->transaction([&](Connection& c) { return c.exec_script(script); });
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("no such table: no_such_table") != std::string::npos);
  CHECK(st.error().message.find("(in: INSERT INTO no_such_table VALUES (1))") != std::string::npos);
  CHECK(tx_snapshot(*db) == before);

  // Outside a transaction a script is not atomic: statements before the failure stay.
  auto loose = db->exec_script("CREATE TABLE t1 (x); INSERT INTO t1 VALUES (1); SELECT * FROM missing; CREATE TABLE t2 (x);");
  REQUIRE_FALSE(loose.ok());
  CHECK(loose.error().message.find("(in: SELECT * FROM missing)") != std::string::npos);
  CHECK(db->query_value("SELECT count(*) FROM t1")->to_int64() == 1);
  CHECK_FALSE(db->query("SELECT * FROM t2").ok());

  // Parameters are refused in scripts rather than silently bound to NULL.
  auto params = db->exec_script("INSERT INTO t1 VALUES (?);");
  REQUIRE_FALSE(params.ok());
  CHECK(params.error().message.find("parameters are not allowed") != std::string::npos);
}

TEST_CASE("db transaction: nests as savepoints") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  auto st = db->transaction([](Connection& c) -> Status {
    REQUIRE(c.exec("INSERT INTO items (name) VALUES ('outer')").ok());
    auto inner_fail = c.transaction([](Connection& c2) -> Status {
      REQUIRE(c2.exec("INSERT INTO items (name) VALUES ('inner-failed')").ok());
      return Error::failure("inner");
    });
    CHECK_FALSE(inner_fail.ok());
    auto inner_ok = c.transaction([](Connection& c2) -> Status {
      return tx_check(c2.exec("INSERT INTO items (name) VALUES ('inner-ok')"));
    });
    CHECK(inner_ok.ok());
    CHECK_THROWS(c.transaction([](Connection& c2) -> Status {
      REQUIRE(c2.exec("INSERT INTO items (name) VALUES ('inner-threw')").ok());
      throw std::logic_error("x");
    }));
    return Ok{};
  });
  REQUIRE(st.ok());
  CHECK(tx_snapshot(*db) == "1=one;2=two;3=outer;4=inner-ok; tables:items");

  // An outer failure undoes committed savepoints too.
  auto outer_fail = db->transaction([](Connection& c) -> Status {
    REQUIRE(c.transaction([](Connection& c2) { return tx_check(c2.exec("DELETE FROM items")); }).ok());
    return Error::failure("outer");
  });
  CHECK_FALSE(outer_fail.ok());
  CHECK(db->query_value("SELECT count(*) FROM items")->to_int64() == 4);
}

TEST_CASE("db transaction: the database object used inside a transaction runs on it") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  auto st = db->transaction([&](Connection&) -> Status {
    // Through the Database itself (code holding a Database& rather than the Connection).
    REQUIRE(db->exec("INSERT INTO items (name) VALUES ('via-db')").ok());
    CHECK(db->query_value("SELECT count(*) FROM items")->to_int64() == 3);  // sees its own write
    auto nested = db->transaction([&](Connection& c) { return tx_check(c.exec("DELETE FROM items WHERE id = 1")); });
    CHECK(nested.ok());
    CHECK_FALSE(db->close().ok());
    CHECK_FALSE(db->checkpoint().ok());
    return Error::failure("undo all");
  });
  REQUIRE_FALSE(st.ok());
  CHECK(tx_snapshot(*db) == "1=one;2=two; tables:items");
}

TEST_CASE("db transaction: its connection is refused after the transaction ends") {
  fastcms::test::TempDir dir;
  auto db = open_tx_db(dir / "app.db");
  Connection* leaked = nullptr;
  REQUIRE(db->transaction([&](Connection& c) -> Status {
    leaked = &c;
    return Ok{};
  }).ok());
  REQUIRE(leaked != nullptr);
  auto r = leaked->exec("DELETE FROM items");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("outside its transaction") != std::string::npos);
  CHECK(db->query_value("SELECT count(*) FROM items")->to_int64() == 2);

  // A COMMIT issued by hand inside the function is reported.
  auto manual = db->transaction([](Connection& c) -> Status { return tx_check(c.exec("COMMIT")); });
  REQUIRE_FALSE(manual.ok());
  CHECK(manual.error().message.find("ended inside its function") != std::string::npos);
  CHECK(db->exec("INSERT INTO items (name) VALUES ('still-works')").ok());
}
