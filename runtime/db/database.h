#pragma once
#include <chrono>
#include <cstddef>

#include "common/error.h"
#include "db/connection.h"
#include "db/statement_logger.h"

/// The database a server or command opens once and shares between threads. It is a
/// Connection (query / exec / transaction) that is safe to call from many threads at
/// once: reads run on a pool of reader connections and never wait for a write
/// transaction to finish; writes are serialized on one writer connection.
/// db/ knows nothing about collections: it runs SQL it is given.
namespace fastcms::db {

/// Tunables for opening a database; the defaults suit a server.
struct DatabaseOptions {
  /// Reader connections for concurrent queries (file databases); 0 runs reads on the
  /// writer connection.
  std::size_t readers = 8;  // as many as the HTTP server has workers, so reads never queue for a connection
  /// Prepared statements kept per connection, least recently used evicted first (≥ 1).
  std::size_t statement_cache_size = 128;
  /// How long a write waits for a lock held by another process before failing with
  /// "database is locked".
  std::chrono::milliseconds busy_timeout{10000};
  /// Optional: called after every statement (see StatementLogger).
  StatementLogger logger;
};

class Database : public Connection {
 public:
  /// Copies the write-ahead log into the database file and truncates the log
  /// (a checkpoint that waits for writers). Safe at any time outside a transaction.
  virtual Status checkpoint() = 0;

  /// Waits for running queries to finish, checkpoints (truncating the log) and closes
  /// every connection. Idempotent; afterwards every call fails with "database is
  /// closed". Also done by the destructor. Must not be called inside a transaction.
  virtual Status close() = 0;

  /// Installs (or, with an empty function, removes) the statement logger.
  virtual void set_statement_logger(StatementLogger logger) = 0;
  /// Calls `fn` with every payload committed to `channel` (see Connection::notify), on the
  /// committing thread, until unlisten. Thread-safe.
  virtual ListenerId listen(std::string channel, NotifyFn fn) = 0;
  virtual void unlisten(ListenerId id) = 0;
};

}  // namespace fastcms::db
