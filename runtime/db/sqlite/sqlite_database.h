#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.h"
#include "db/sqlite/sqlite_handle.h"
#include "db/sqlite/sqlite_url.h"

/// The SQLite backend of Database.
///
/// Connections: ONE writer connection, guarded by a mutex, runs every write and every
/// transaction; a pool of reader connections (PRAGMA query_only=ON) runs `query`,
/// `query_one` and `for_each_row`. With the write-ahead log (journal_mode=WAL) readers
/// proceed while a write transaction is open and see the last committed state, so
/// reads never queue behind writes. A query that would write (e.g. INSERT ... RETURNING)
/// is detected when prepared and runs on the writer. On the thread that holds the writer
/// (inside `transaction`, or in a `for_each_row` callback running on the writer) every
/// call runs on the writer, so it sees that thread's uncommitted changes.
///
/// Every connection: journal_mode=WAL, busy_timeout (10000 ms by default),
/// foreign_keys=ON, synchronous=NORMAL, temp_store=MEMORY, a 16 MB page cache and a
/// bounded LRU cache of prepared statements keyed by SQL text.
///
/// An in-memory database (SqliteLocation::memory()) is private to this object and uses
/// the writer connection alone (no readers, no concurrent reads); use a temp file to
/// test concurrency.
namespace fastcms::db {

class SqliteDatabase final : public Database {
 public:
  /// Opens (creating if missing) the database file, or a fresh in-memory database.
  /// The parent directory must exist. Errors name the path and SQLite's reason.
  static Result<std::unique_ptr<SqliteDatabase>> open(const SqliteLocation& where,
                                                      const DatabaseOptions& options = {});
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) override;
  Result<std::optional<Row>> query_one(std::string_view sql, const Params& params = {}) override;
  Status for_each_row(std::string_view sql, const Params& params, const RowFn& on_row) override;
  Result<ExecResult> exec(std::string_view sql, const Params& params = {}) override;
  Status exec_script(std::string_view sql) override;
  Status transaction(const TransactionFn& fn) override;
  const Dialect& dialect() const override;
  /// PRAGMA data_version read on a connection of its own (which makes every commit, this
  /// process's included, one by "another connection").
  std::optional<std::int64_t> data_version() override;

  /// PRAGMA wal_checkpoint(TRUNCATE); an error when it could not complete (busy).
  Status checkpoint() override;
  Status close() override;
  void set_statement_logger(StatementLogger logger) override;
  void notify(std::string_view channel, NotifyPayload payload) override;
  bool has_listeners(std::string_view channel) override;
  void after_transaction(TransactionHook hook) override;
  ListenerId listen(std::string channel, NotifyFn fn) override;
  void unlisten(ListenerId id) override;

  const SqliteLocation& location() const { return location_; }
  /// Reader connections in the pool (0 for an in-memory database).
  std::size_t reader_count() const { return reader_count_; }
  /// Statement-cache counters of the writer, and of all readers summed.
  StatementCacheStats writer_cache_stats() const;
  StatementCacheStats reader_cache_stats() const;

 private:
  class WriterConnection;
  class ReaderLease;
  explicit SqliteDatabase(SqliteLocation where);

  bool holds_writer() const { return writer_owner_.load() == std::this_thread::get_id(); }
  template <class F>
  auto with_writer(F&& f) -> decltype(f(std::declval<SqliteHandle&>()));
  template <class F>
  auto with_reader(F&& f) -> decltype(f(std::declval<SqliteHandle&>(), nullptr));
  Status savepoint_transaction(const TransactionFn& fn);
  Status run_outer_transaction(const TransactionFn& fn);

  SqliteLocation location_;
  LoggerSlot logger_;

  std::mutex writer_mu_;
  std::unique_ptr<SqliteHandle> writer_;
  std::mutex version_mu_;
  std::unique_ptr<SqliteHandle> version_watcher_;  ///< only reads PRAGMA data_version
  std::atomic<std::thread::id> writer_owner_{};  ///< thread holding writer_mu_, if any
  int savepoint_depth_ = 0;                      ///< touched only by the owner
  CommitNotifications notifications_;
  std::unique_ptr<WriterConnection> writer_conn_;

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<SqliteHandle>> readers_;
  std::vector<SqliteHandle*> idle_readers_;
  std::size_t reader_count_ = 0;
  std::size_t readers_out_ = 0;
  bool closing_ = false;
  std::atomic<bool> closed_{false};
};

}  // namespace fastcms::db
