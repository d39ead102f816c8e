#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using fastcms::Ok;
using fastcms::Status;
using fastcms::db::Connection;
using fastcms::db::DatabaseOptions;
using fastcms::db::SqliteDatabase;
using fastcms::db::SqliteLocation;

namespace {

std::unique_ptr<SqliteDatabase> open_concurrency_db(const std::filesystem::path& file, std::size_t readers = 4) {
  DatabaseOptions options;
  options.readers = readers;
  return fastcms::test::open_test_sqlite(file, options);
}

/// A one-shot event threads can wait on with a deadline (the deadline only bounds a
/// failing test; passing tests never wait for it).
class ConcurrencyEvent {
 public:
  void set() {
    {
      std::lock_guard lock(mu_);
      set_ = true;
    }
    cv_.notify_all();
  }
  bool wait(std::chrono::seconds limit = std::chrono::seconds(20)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return set_; });
  }
  bool is_set() {
    std::lock_guard lock(mu_);
    return set_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

}  // namespace

TEST_CASE("db concurrency: readers finish while a write transaction is held open on another thread") {
  fastcms::test::TempDir dir;
  auto db = open_concurrency_db(dir / "app.db");
  REQUIRE(db->exec_script("CREATE TABLE t (x); INSERT INTO t VALUES (1);").ok());

  ConcurrencyEvent tx_open, reads_done, other_write_done;
  bool reads_finished_inside_tx = false;
  bool other_write_finished_inside_tx = true;
  std::atomic<bool> tx_closed{false};
  std::atomic<bool> tx_fn_returned{false};

  std::thread writer([&] {
    auto st = db->transaction([&](Connection& c) -> Status {
      auto r = c.exec("INSERT INTO t VALUES (2)");
      if (!r) return r.error();
      tx_open.set();
      // Hold the transaction until the readers report back (bounded for a failing test).
      reads_finished_inside_tx = reads_done.wait();
      other_write_finished_inside_tx = other_write_done.is_set();
      tx_fn_returned = true;
      return Ok{};
    });
    tx_closed = true;
    CHECK(st.ok());
  });

  REQUIRE(tx_open.wait());
  // A second writer must queue behind the open transaction...
  std::thread other_writer([&] {
    auto r = db->exec("INSERT INTO t VALUES (3)");
    CHECK(r.ok());
    CHECK(tx_fn_returned.load());  // it could only run once the transaction had ended
    other_write_done.set();
  });
  // ...while several concurrent readers do not: each sees the last committed state.
  std::vector<std::thread> readers;
  std::atomic<int> reads_ok{0};
  for (int i = 0; i < 3; ++i) {
    readers.emplace_back([&] {
      auto count = db->query_value("SELECT count(*) FROM t");
      if (count.ok() && count->to_int64() == 1) ++reads_ok;
    });
  }
  for (auto& r : readers) r.join();
  CHECK(reads_ok.load() == 3);
  CHECK_FALSE(tx_closed.load());  // the transaction was still open when the reads returned
  reads_done.set();

  writer.join();
  other_writer.join();
  CHECK(reads_finished_inside_tx);
  CHECK_FALSE(other_write_finished_inside_tx);
  CHECK(db->query_value("SELECT count(*) FROM t")->to_int64() == 3);
}

TEST_CASE("db concurrency: many threads query and write at once") {
  fastcms::test::TempDir dir;
  auto db = open_concurrency_db(dir / "app.db", 3);
  REQUIRE(db->exec_script("CREATE TABLE n (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);"
                          "INSERT INTO n (v) VALUES (10), (20), (30);")
              .ok());
  constexpr int kThreads = 8;
  constexpr int kIterations = 150;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIterations; ++i) {
        if (t % 4 == 0) {
          auto st = db->transaction([&](Connection& c) -> Status {
            auto r = c.exec("INSERT INTO n (v) VALUES (?)", {t * 1000 + i});
            if (!r) return r.error();
            return Ok{};
          });
          if (!st) ++failures;
        } else {
          auto rows = db->query("SELECT v FROM n WHERE id <= ? ORDER BY id", {3});
          if (!rows || rows->size() != 3 || (*rows)[2]["v"].to_int64() != 30) ++failures;
          auto sum = db->query_value("SELECT sum(v) FROM n WHERE id = ?", {1 + (i % 3)});
          if (!sum || sum->to_int64() != 10 * (1 + (i % 3))) ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures.load() == 0);
  CHECK(db->query_value("SELECT count(*) FROM n")->to_int64() == 3 + 2 * kIterations);
}

TEST_CASE("db concurrency: close waits for a running query") {
  fastcms::test::TempDir dir;
  auto db = open_concurrency_db(dir / "app.db", 2);
  REQUIRE(db->exec_script("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);").ok());
  ConcurrencyEvent in_query, may_continue;
  std::atomic<bool> query_returned{false};
  std::thread reader([&] {
    auto st = db->for_each_row("SELECT x FROM t", {}, [&](const fastcms::db::Row&) -> Status {
      in_query.set();
      may_continue.wait();
      return Ok{};
    });
    CHECK(st.ok());
    query_returned = true;
  });
  REQUIRE(in_query.wait());
  std::thread closer([&] {
    CHECK(db->close().ok());
    CHECK(query_returned.load());  // close returned only after the query had finished
  });
  may_continue.set();
  reader.join();
  closer.join();
  CHECK_FALSE(db->query("SELECT 1").ok());
}

TEST_CASE("db concurrency: a query nested in a row callback reuses the thread's reader") {
  fastcms::test::TempDir dir;
  auto db = open_concurrency_db(dir / "app.db", 1);  // one reader: a second lease would wait forever
  REQUIRE(db->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, parent INTEGER);"
                          "INSERT INTO t VALUES (1, NULL), (2, 1), (3, 1);")
              .ok());
  int children = 0;
  auto st = db->for_each_row("SELECT id FROM t ORDER BY id", {}, [&](const fastcms::db::Row& row) -> Status {
    auto n = db->query_value("SELECT count(*) FROM t WHERE parent = ?", {row["id"]});
    if (!n) return n.error();
    children += static_cast<int>(n->to_int64());
    // A write from the callback goes to the writer and is visible to later readers.
    auto w = db->exec("UPDATE t SET parent = parent WHERE id = ?", {row["id"]});
    if (!w) return w.error();
    CHECK_FALSE(db->close().ok());  // would wait for this very query
    return Ok{};
  });
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  CHECK(children == 2);
}
