#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "db/commit_notifications.h"
#include "db/dialect.h"
#include "db/value.h"

/// What code that reads and writes the database programs against: one Connection
/// interface, implemented both by a Database (each call picks a suitable connection
/// itself) and by the connection a transaction hands to its function (every call runs
/// inside that transaction). Code that takes a `Connection&` therefore works the same
/// inside and outside a transaction.
namespace fastcms::db {

/// What a write did.
struct ExecResult {
  std::int64_t changes = 0;            ///< rows inserted, updated or deleted by the statement
  std::int64_t last_insert_rowid = 0;  ///< rowid of the most recent INSERT on this connection
};

class Connection;

/// The body of a transaction. Ok commits; an Error (or an exception, which is rethrown)
/// rolls every change back.
using TransactionFn = std::function<Status(Connection&)>;

/// Called for each row of `Connection::for_each_row`; an Error stops the iteration and is
/// returned.
using RowFn = std::function<Status(const Row&)>;

class Connection {
 public:
  virtual ~Connection() = default;

  /// Runs one statement with positional parameters and returns all its rows (an empty
  /// vector for a statement that yields none). The rows of one result share their
  /// column names. Errors name the database's message and the SQL, e.g.
  /// "SQL error: no such table: posts (in: SELECT * FROM posts)". Several statements in
  /// one string are an error (use exec_script).
  virtual Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) = 0;

  /// The first row of a query, or no row; the remaining rows are not computed.
  virtual Result<std::optional<Row>> query_one(std::string_view sql, const Params& params = {}) = 0;

  /// Calls `on_row` for each row in turn without collecting them (for exports of large
  /// tables). The statement holds its connection until the iteration ends.
  virtual Status for_each_row(std::string_view sql, const Params& params, const RowFn& on_row) = 0;

  /// Runs one statement that changes data (or schema) and reports its effect.
  virtual Result<ExecResult> exec(std::string_view sql, const Params& params = {}) = 0;

  /// Runs several `;`-separated statements without parameters, in order, stopping at the
  /// first error (whose message names the failing statement). Not atomic by itself: run it
  /// inside `transaction` to have all or none of it (migrations do).
  virtual Status exec_script(std::string_view sql) = 0;

  /// Runs `fn` in a transaction on the single writer: commits when it returns Ok, rolls
  /// back when it returns an Error or throws (the exception is rethrown after the
  /// rollback). The Connection passed to `fn` is valid only during `fn` and only on the
  /// calling thread. Called again inside `fn` (on either Connection), it nests as a
  /// savepoint: an inner failure undoes only the inner work. Other threads' writes wait
  /// until the transaction ends; their reads do not (they see the last committed state).
  virtual Status transaction(const TransactionFn& fn) = 0;

  /// The SQL dialect of this backend.
  virtual const Dialect& dialect() const = 0;

  /// A number that changes whenever committed data changes, by any connection or process;
  /// two equal readings mean nothing was committed in between, so a cached query result
  /// is still exact. nullopt when the backend cannot tell (or inside a transaction, whose
  /// own uncommitted changes it would miss): then nothing may be cached.
  virtual std::optional<std::int64_t> data_version() { return std::nullopt; }

  /// Posts `payload` to the listeners of `channel` (Database::listen) once the changes made
  /// so far are committed: inside a transaction after the outermost COMMIT, never if the
  /// transaction or the savepoint it was posted in rolls back; outside one, at once. A
  /// connection that has no listeners (a test double) drops it.
  virtual void notify(std::string_view channel, NotifyPayload payload) { (void)channel, (void)payload; }

  /// Whether a notify() on `channel` would reach anyone: a listener is registered now.
  /// Posters whose payload is costly (e.g. a record per row of a bulk import) may skip
  /// building it when nobody listens; a listener registered later sees only later posts.
  virtual bool has_listeners(std::string_view channel) { (void)channel; return false; }

  /// Calls `hook` once the transaction in progress has ended, after the writer is released:
  /// with true after the outermost COMMIT, with false when the transaction, or the
  /// savepoint `hook` was registered in, rolls back (even if an outer transaction then
  /// commits). Outside a transaction the changes are already committed: called at once
  /// with true. For work outside the database that must follow the transaction's fate,
  /// e.g. removing files written for a write that did not happen. A connection without
  /// transactions of its own (a test double) calls it at once with true.
  virtual void after_transaction(TransactionHook hook) {
    if (hook) hook(true);
  }

  /// A number unique to this connection object in the process (never reused, unlike its
  /// address), for caches that must not mistake one database for another.
  std::uint64_t serial() const { return serial_; }

  /// The first column of the first row, or NULL when there is no row
  /// (e.g. SELECT count(*) FROM posts).
  Result<SqlValue> query_value(std::string_view sql, const Params& params = {});

 private:
  static std::uint64_t next_serial();
  const std::uint64_t serial_ = next_serial();
};

}  // namespace fastcms::db
