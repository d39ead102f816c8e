#include <doctest/doctest.h>

#include "core/records/count_cache.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

TEST_CASE("records: cached counts stay exact across commits of this and other connections") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir.path() / "count.db");
  REQUIRE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER)").ok());
  REQUIRE(db->exec("INSERT INTO t (k) VALUES (1), (1), (2)").ok());
  const std::string sql = "SELECT COUNT(*) FROM t WHERE k = ?1";
  auto count = [&](fastcms::db::Connection& c, int k) {
    auto n = fastcms::core::records::cached_count(c, sql, {k});
    if (!n.ok()) FAIL(n.error().message);
    return *n;
  };
  CHECK(count(*db, 1) == 2);
  CHECK(count(*db, 1) == 2);  // from the cache
  CHECK(count(*db, 2) == 1);  // parameters are part of the key
  REQUIRE(db->exec("INSERT INTO t (k) VALUES (1)").ok());
  CHECK(count(*db, 1) == 3);

  // Another connection (as another process would) commits: the cache notices.
  auto other = fastcms::test::open_test_sqlite(dir.path() / "count.db");
  REQUIRE(other->exec("DELETE FROM t WHERE k = 1").ok());
  CHECK(count(*db, 1) == 0);

  // Inside a transaction nothing is cached: its own uncommitted rows count.
  auto st = db->transaction([&](fastcms::db::Connection& tx) -> fastcms::Status {
    REQUIRE(tx.exec("INSERT INTO t (k) VALUES (1)").ok());
    CHECK(count(tx, 1) == 1);
    return fastcms::Error::failure("roll back");
  });
  CHECK_FALSE(st.ok());
  CHECK(count(*db, 1) == 0);
}
