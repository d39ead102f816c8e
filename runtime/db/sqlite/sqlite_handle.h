#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "db/connection.h"
#include "db/sqlite/statement_cache.h"
#include "db/statement_logger.h"
#include "db/value.h"

struct sqlite3;

/// One SQLite connection (sqlite3*) with its prepared-statement cache: binds parameters,
/// steps statements, converts result columns to SqlValues by their storage class and turns
/// failures into Errors that name SQLite's message and the SQL. Not thread-safe: the
/// owner (SqliteDatabase) guarantees one thread at a time. Internal to the SQLite backend.
namespace fastcms::db {

/// The statement logger as shared by a database's connections; it may be replaced while
/// they run.
class LoggerSlot {
 public:
  void set(StatementLogger logger);
  bool active() const { return active_.load(std::memory_order_relaxed); }
  void log(std::string_view sql, std::chrono::nanoseconds duration) const;

 private:
  std::atomic<bool> active_{false};
  std::atomic<std::shared_ptr<const StatementLogger>> logger_;
};

/// Counters of one connection's (or, summed, several connections') statement cache.
struct StatementCacheStats {
  std::uint64_t prepares = 0;  ///< statements compiled by SQLite for query/exec
  std::uint64_t hits = 0;      ///< executions that reused a cached statement
  std::size_t size = 0;        ///< statements currently cached
  std::size_t capacity = 0;    ///< bound on `size`, per connection
};

class SqliteHandle {
 public:
  struct Options {
    std::chrono::milliseconds busy_timeout{10000};
    std::size_t statement_cache_size = 128;
    const LoggerSlot* logger = nullptr;  ///< may be null
  };

  /// Opens `filename` (a path, or ":memory:") read-write; `create` allows creating the
  /// file. Sets the busy timeout and extended result codes; PRAGMAs are the caller's.
  static Result<std::unique_ptr<SqliteHandle>> open(const std::string& filename, bool create,
                                                    const Options& options);
  ~SqliteHandle();
  SqliteHandle(const SqliteHandle&) = delete;
  SqliteHandle& operator=(const SqliteHandle&) = delete;

  /// When `needs_writer` is given and the statement would write, sets it to true and
  /// returns without running anything (a reader hands such statements to the writer).
  Result<std::vector<Row>> query(std::string_view sql, const Params& params, bool* needs_writer = nullptr);
  Result<std::optional<Row>> query_one(std::string_view sql, const Params& params,
                                       bool* needs_writer = nullptr);
  Status for_each_row(std::string_view sql, const Params& params, const RowFn& on_row,
                      bool* needs_writer = nullptr);
  Result<ExecResult> exec(std::string_view sql, const Params& params = {});
  Status exec_script(std::string_view sql);

  /// True while a transaction is open on this connection.
  bool in_transaction() const;
  /// Rolls back a transaction left open (e.g. by a stray BEGIN run through query).
  void rollback_if_open();

  StatementCacheStats cache_stats() const;
  sqlite3* raw() const { return db_; }

 private:
  SqliteHandle(sqlite3* db, const Options& options);
  struct Prepared;
  Result<Prepared> prepare(std::string_view sql);
  Error error_for(int rc, std::string_view sql) const;
  std::shared_ptr<const ColumnSet> columns_of(Prepared& p);
  Row read_row(Prepared& p);
  template <class OnRow>
  Status run(std::string_view sql, const Params& params, bool* needs_writer, OnRow&& on_row);

  sqlite3* db_;
  Options options_;
  StatementCache cache_;
  std::atomic<std::uint64_t> prepares_{0};
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::size_t> cache_size_{0};
};

/// "SQL error: <message> (in: <sql>)" with the SQL trimmed and abbreviated when long.
Error sql_error(std::string_view message, std::string_view sql);

}  // namespace fastcms::db
