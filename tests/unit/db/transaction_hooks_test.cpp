#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/test_database.h"

using fastcms::Error;
using fastcms::Ok;
using fastcms::Status;
using fastcms::db::Connection;

namespace {

/// Records "name:committed" / "name:rolled back" in call order.
struct HookLog {
  std::vector<std::string> calls;
  fastcms::db::TransactionHook hook(std::string name) {
    return [this, name](bool committed) { calls.push_back(name + (committed ? ":committed" : ":rolled back")); };
  }
};

}  // namespace

TEST_CASE("after_transaction: outside a transaction a hook runs at once as committed") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir / "hooks.db");
  HookLog log;
  db->after_transaction(log.hook("a"));
  CHECK(log.calls == std::vector<std::string>{"a:committed"});
}

TEST_CASE("after_transaction: hooks run after the outermost COMMIT, in order, with the writer free") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir / "hooks.db");
  HookLog log;
  bool writer_free_in_hook = false;
  auto st = db->transaction([&](Connection& tx) -> Status {
    tx.after_transaction(log.hook("outer"));
    auto inner = tx.transaction([&](Connection& sp) -> Status {
      sp.after_transaction(log.hook("inner"));
      return Ok{};
    });
    REQUIRE(inner.ok());
    db->after_transaction([&](bool) {
      // Runs after the writer was released: another transaction can start from the hook.
      writer_free_in_hook = db->exec("CREATE TABLE IF NOT EXISTS t (x INTEGER)").ok();
    });
    CHECK(log.calls.empty());
    return Ok{};
  });
  REQUIRE(st.ok());
  CHECK(log.calls == std::vector<std::string>{"outer:committed", "inner:committed"});
  CHECK(writer_free_in_hook);
}

TEST_CASE("after_transaction: a rolled-back transaction calls its hooks with false") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir / "hooks.db");
  HookLog log;
  auto st = db->transaction([&](Connection& tx) -> Status {
    tx.after_transaction(log.hook("a"));
    (void)tx.transaction([&](Connection& sp) -> Status {
      sp.after_transaction(log.hook("b"));
      return Ok{};
    });
    return Error::failure("undo");
  });
  CHECK_FALSE(st.ok());
  CHECK(log.calls == std::vector<std::string>{"a:rolled back", "b:rolled back"});
}

TEST_CASE("after_transaction: a rolled-back savepoint's hooks get false even when the outer transaction commits") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir / "hooks.db");
  HookLog log;
  auto st = db->transaction([&](Connection& tx) -> Status {
    tx.after_transaction(log.hook("kept"));
    auto failed = tx.transaction([&](Connection& sp) -> Status {
      sp.after_transaction(log.hook("undone"));
      return Error::failure("inner fails");
    });
    CHECK_FALSE(failed.ok());
    CHECK(log.calls.empty());  // nothing runs before the outer transaction ends
    return Ok{};
  });
  REQUIRE(st.ok());
  CHECK(log.calls == std::vector<std::string>{"kept:committed", "undone:rolled back"});
}

TEST_CASE("after_transaction: a transaction ended by an exception still calls its hooks with false") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir / "hooks.db");
  HookLog log;
  CHECK_THROWS_AS(db->transaction([&](Connection& tx) -> Status {
    tx.after_transaction(log.hook("a"));
    throw std::runtime_error("boom");
  }),
                  std::runtime_error);
  CHECK(log.calls == std::vector<std::string>{"a:rolled back"});
  // The next transaction starts clean: no hook left over from the failed one.
  REQUIRE(db->transaction([](Connection&) -> Status { return Ok{}; }).ok());
  CHECK(log.calls.size() == 1);
}

TEST_CASE("after_transaction: a failed COMMIT counts as rolled back and a throwing hook does not stop the others") {
  fastcms::test::TempDir dir;
  auto db = fastcms::test::open_test_sqlite(dir / "hooks.db");
  REQUIRE(db->exec_script("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                          "CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);")
              .ok());
  HookLog log;
  auto st = db->transaction([&](Connection& tx) -> Status {
    tx.after_transaction([](bool) { throw std::runtime_error("hook fails"); });
    tx.after_transaction(log.hook("b"));
    // A deferred foreign key violation makes COMMIT itself fail.
    auto inserted = tx.exec("INSERT INTO child (p) VALUES (42)");
    REQUIRE(inserted.ok());
    return Ok{};
  });
  CHECK_FALSE(st.ok());
  CHECK(log.calls == std::vector<std::string>{"b:rolled back"});
}
