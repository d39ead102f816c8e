#include "db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include "db/sqlite/sqlite_dialect.h"

namespace fastcms::db {

namespace {

constexpr const char* kCommonPragmas =
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-16000;";

Error closed_error() { return Error::failure("database is closed"); }

/// The reader connections this thread has checked out (while a for_each_row callback
/// runs), so that a query nested in the callback reuses the same reader instead of
/// waiting for a second one (which, with every reader held that way, would deadlock).
struct HeldReader {
  const void* db;
  SqliteHandle* handle;
};
thread_local std::vector<HeldReader> t_held_readers;

class HoldReader {
 public:
  HoldReader(const void* db, SqliteHandle* handle) { t_held_readers.push_back({db, handle}); }
  ~HoldReader() { t_held_readers.pop_back(); }
  HoldReader(const HoldReader&) = delete;
  HoldReader& operator=(const HoldReader&) = delete;
};

SqliteHandle* held_reader(const void* db) {
  for (const auto& h : t_held_readers)
    if (h.db == db) return h.handle;
  return nullptr;
}

/// Clears the writer's owner when the scope that set it ends.
class OwnerScope {
 public:
  explicit OwnerScope(std::atomic<std::thread::id>& owner) : owner_(owner) {
    owner_.store(std::this_thread::get_id());
  }
  ~OwnerScope() { owner_.store(std::thread::id()); }
  OwnerScope(const OwnerScope&) = delete;
  OwnerScope& operator=(const OwnerScope&) = delete;

 private:
  std::atomic<std::thread::id>& owner_;
};

}  // namespace

// --- the Connection handed to a transaction's function ----------------------------

class SqliteDatabase::WriterConnection final : public Connection {
 public:
  explicit WriterConnection(SqliteDatabase& db) : db_(db) {}

  Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) override {
    if (!db_.holds_writer()) return misuse();
    return db_.writer_->query(sql, params);
  }
  Result<std::optional<Row>> query_one(std::string_view sql, const Params& params = {}) override {
    if (!db_.holds_writer()) return misuse();
    return db_.writer_->query_one(sql, params);
  }
  Status for_each_row(std::string_view sql, const Params& params, const RowFn& on_row) override {
    if (!db_.holds_writer()) return misuse();
    return db_.writer_->for_each_row(sql, params, on_row);
  }
  Result<ExecResult> exec(std::string_view sql, const Params& params = {}) override {
    if (!db_.holds_writer()) return misuse();
    return db_.writer_->exec(sql, params);
  }
  Status exec_script(std::string_view sql) override {
    if (!db_.holds_writer()) return misuse();
    return db_.writer_->exec_script(sql);
  }
  Status transaction(const TransactionFn& fn) override {
    if (!db_.holds_writer()) return misuse();
    return db_.savepoint_transaction(fn);
  }
  const Dialect& dialect() const override { return sqlite_dialect(); }
  void notify(std::string_view channel, NotifyPayload payload) override { db_.notify(channel, std::move(payload)); }
  bool has_listeners(std::string_view channel) override { return db_.has_listeners(channel); }
  void after_transaction(TransactionHook hook) override { db_.after_transaction(std::move(hook)); }

 private:
  static Error misuse() {
    return Error::failure(
        "a transaction's connection was used outside its transaction (after it ended, or from "
        "another thread)");
  }
  SqliteDatabase& db_;
};

// --- a reader connection checked out of the pool -----------------------------------

class SqliteDatabase::ReaderLease {
 public:
  explicit ReaderLease(SqliteDatabase& db) : db_(db) {
    std::unique_lock lock(db_.pool_mu_);
    db_.pool_cv_.wait(lock, [&] { return db_.closing_ || !db_.idle_readers_.empty(); });
    if (db_.closing_) return;
    handle_ = db_.idle_readers_.back();
    db_.idle_readers_.pop_back();
    ++db_.readers_out_;
  }
  ~ReaderLease() { release(); }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;

  SqliteHandle* get() const { return handle_; }
  void release() {
    if (!handle_) return;
    handle_->rollback_if_open();  // a stray BEGIN must not pin an old snapshot
    {
      std::lock_guard lock(db_.pool_mu_);
      db_.idle_readers_.push_back(handle_);
      --db_.readers_out_;
    }
    handle_ = nullptr;
    db_.pool_cv_.notify_all();
  }

 private:
  SqliteDatabase& db_;
  SqliteHandle* handle_ = nullptr;
};

// --- opening and closing -----------------------------------------------------------

SqliteDatabase::SqliteDatabase(SqliteLocation where) : location_(std::move(where)) {}

SqliteDatabase::~SqliteDatabase() { (void)close(); }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const SqliteLocation& where,
                                                             const DatabaseOptions& options) {
  if (!where.in_memory && where.path.empty()) return Error::usage("cannot open database: no file path given");
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(where));
  db->logger_.set(options.logger);
  db->writer_conn_ = std::make_unique<WriterConnection>(*db);

  SqliteHandle::Options handle_options{options.busy_timeout, options.statement_cache_size, &db->logger_};
  const std::string filename = where.in_memory ? ":memory:" : where.path.string();
  auto describe_failure = [&](const Error& e) {
    return Error::failure("cannot open database " + filename + ": " + e.message);
  };

  auto writer = SqliteHandle::open(filename, /*create=*/true, handle_options);
  if (!writer) return writer.error();
  db->writer_ = std::move(*writer);
  // journal_mode=WAL is persistent in the file: set once by the writer, seen by readers.
  if (auto st = db->writer_->exec_script(std::string("PRAGMA journal_mode=WAL;") + kCommonPragmas +
                                         "PRAGMA journal_size_limit=200000000;");
      !st)
    return describe_failure(st.error());

  if (!where.in_memory) {
    for (std::size_t i = 0; i < options.readers; ++i) {
      auto reader = SqliteHandle::open(filename, /*create=*/false, handle_options);
      if (!reader) return reader.error();
      if (auto st = (*reader)->exec_script(std::string(kCommonPragmas) + "PRAGMA query_only=ON;"); !st)
        return describe_failure(st.error());
      db->idle_readers_.push_back(reader->get());
      db->readers_.push_back(std::move(*reader));
    }
  }
  db->reader_count_ = db->readers_.size();
  if (!where.in_memory) {
    auto watcher = SqliteHandle::open(filename, /*create=*/false, handle_options);
    if (!watcher) return watcher.error();
    db->version_watcher_ = std::move(*watcher);
  }
  return db;
}

std::optional<std::int64_t> SqliteDatabase::data_version() {
  if (holds_writer() || closed_.load()) return std::nullopt;
  std::lock_guard lock(version_mu_);
  if (!version_watcher_) return std::nullopt;
  auto row = version_watcher_->query_one("PRAGMA data_version", {}, nullptr);
  if (!row.ok() || !row->has_value()) return std::nullopt;
  return (**row)[0].to_int64();
}

Status SqliteDatabase::close() {
  if (holds_writer()) return Error::failure("close() called inside a transaction");
  if (held_reader(this)) return Error::failure("close() called while this thread runs a query");
  {
    std::unique_lock lock(pool_mu_);
    closing_ = true;
    pool_cv_.notify_all();
    pool_cv_.wait(lock, [&] { return readers_out_ == 0; });
  }
  std::lock_guard lock(writer_mu_);
  if (closed_.load()) return Ok{};
  Status result = Ok{};
  {
    std::lock_guard pool_lock(pool_mu_);
    idle_readers_.clear();
    readers_.clear();  // closes the readers first, so the checkpoint can truncate the log
  }
  {
    std::lock_guard version_lock(version_mu_);
    version_watcher_.reset();
  }
  if (writer_ && !location_.in_memory) {
    auto r = writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!r) result = r.error();
  }
  writer_.reset();
  closed_.store(true);
  return result;
}

// --- choosing a connection ------------------------------------------------------------

template <class F>
auto SqliteDatabase::with_writer(F&& f) -> decltype(f(std::declval<SqliteHandle&>())) {
  if (holds_writer()) return f(*writer_);
  std::lock_guard lock(writer_mu_);
  if (closed_.load()) return closed_error();
  OwnerScope owner(writer_owner_);
  return f(*writer_);
}

template <class F>
auto SqliteDatabase::with_reader(F&& f) -> decltype(f(std::declval<SqliteHandle&>(), nullptr)) {
  if (holds_writer() || reader_count_ == 0) {
    return with_writer([&](SqliteHandle& w) { return f(w, nullptr); });
  }
  bool needs_writer = false;
  if (SqliteHandle* held = held_reader(this)) {
    auto result = f(*held, &needs_writer);
    if (!needs_writer) return result;
  } else {
    ReaderLease lease(*this);
    if (!lease.get()) return closed_error();
    HoldReader hold(this, lease.get());
    auto result = f(*lease.get(), &needs_writer);
    if (!needs_writer) return result;
  }
  return with_writer([&](SqliteHandle& w) { return f(w, nullptr); });
}

Result<std::vector<Row>> SqliteDatabase::query(std::string_view sql, const Params& params) {
  return with_reader([&](SqliteHandle& h, bool* needs_writer) { return h.query(sql, params, needs_writer); });
}

Result<std::optional<Row>> SqliteDatabase::query_one(std::string_view sql, const Params& params) {
  return with_reader([&](SqliteHandle& h, bool* needs_writer) { return h.query_one(sql, params, needs_writer); });
}

Status SqliteDatabase::for_each_row(std::string_view sql, const Params& params, const RowFn& on_row) {
  return with_reader(
      [&](SqliteHandle& h, bool* needs_writer) { return h.for_each_row(sql, params, on_row, needs_writer); });
}

Result<ExecResult> SqliteDatabase::exec(std::string_view sql, const Params& params) {
  return with_writer([&](SqliteHandle& w) { return w.exec(sql, params); });
}

Status SqliteDatabase::exec_script(std::string_view sql) {
  return with_writer([&](SqliteHandle& w) { return w.exec_script(sql); });
}

const Dialect& SqliteDatabase::dialect() const { return sqlite_dialect(); }

// --- transactions ------------------------------------------------------------------------

Status SqliteDatabase::transaction(const TransactionFn& fn) {
  if (holds_writer()) return savepoint_transaction(fn);
  CommitNotifications::Finished finished;
  // Delivered after the writer is released (this guard outlives the lock), so listeners and
  // hooks never delay other writers; also when `fn` throws, so rollback hooks still run.
  struct DeliverGuard {
    CommitNotifications& n;
    CommitNotifications::Finished& finished;
    ~DeliverGuard() { n.deliver(finished); }
  } deliver{notifications_, finished};
  Status result = Ok{};
  {
    std::lock_guard lock(writer_mu_);
    if (closed_.load()) return closed_error();
    OwnerScope owner(writer_owner_);
    notifications_.open_level();
    struct FinishGuard {  // whatever happens, the pending notifications end with the transaction
      CommitNotifications& n;
      CommitNotifications::Finished& out;
      bool committed = false;
      ~FinishGuard() { out = n.finish(committed); }
    } finish{notifications_, finished};
    result = run_outer_transaction(fn);
    finish.committed = result.ok();
  }
  return result;
}

Status SqliteDatabase::run_outer_transaction(const TransactionFn& fn) {
  writer_->rollback_if_open();  // never inherit a transaction left open by a stray BEGIN

  // IMMEDIATE takes the write lock now, so a write inside cannot fail later with
  // SQLITE_BUSY because another process wrote in between.
  if (auto begin = writer_->exec("BEGIN IMMEDIATE"); !begin) return begin.error();
  Status result = Ok{};
  try {
    result = fn(*writer_conn_);
  } catch (...) {
    writer_->rollback_if_open();
    throw;
  }
  if (!result) {
    writer_->rollback_if_open();
    return result;
  }
  if (!writer_->in_transaction()) {
    return Error::failure(
        "the transaction was ended inside its function (by COMMIT or ROLLBACK); use the "
        "function's return value instead");
  }
  if (auto commit = writer_->exec("COMMIT"); !commit) {
    writer_->rollback_if_open();
    return commit.error();
  }
  return Ok{};
}

Status SqliteDatabase::savepoint_transaction(const TransactionFn& fn) {
  const std::string name = "fastcms_sp_" + std::to_string(++savepoint_depth_);
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } depth_guard{savepoint_depth_};

  auto undo = [&] {
    (void)writer_->exec("ROLLBACK TO " + name);
    (void)writer_->exec("RELEASE " + name);
  };
  if (auto begin = writer_->exec("SAVEPOINT " + name); !begin) return begin.error();
  notifications_.open_level();
  struct LevelGuard {  // the savepoint's notifications survive only if it is released
    CommitNotifications& n;
    bool ok = false;
    ~LevelGuard() { n.close_savepoint(ok); }
  } level{notifications_};
  Status result = Ok{};
  try {
    result = fn(*writer_conn_);
  } catch (...) {
    undo();
    throw;
  }
  if (!result) {
    undo();
    return result;
  }
  if (auto release = writer_->exec("RELEASE " + name); !release) {
    undo();
    return release.error();
  }
  level.ok = true;
  return Ok{};
}

void SqliteDatabase::notify(std::string_view channel, NotifyPayload payload) {
  notifications_.post(channel, std::move(payload), holds_writer());
}

bool SqliteDatabase::has_listeners(std::string_view channel) { return notifications_.has_listeners(channel); }

void SqliteDatabase::after_transaction(TransactionHook hook) {
  notifications_.add_hook(std::move(hook), holds_writer());
}

ListenerId SqliteDatabase::listen(std::string channel, NotifyFn fn) {
  return notifications_.listen(std::move(channel), std::move(fn));
}

void SqliteDatabase::unlisten(ListenerId id) { notifications_.unlisten(id); }

// --- maintenance ---------------------------------------------------------------------------

Status SqliteDatabase::checkpoint() {
  if (holds_writer()) return Error::failure("checkpoint() called inside a transaction");
  if (location_.in_memory) return Ok{};
  auto row = with_writer([&](SqliteHandle& w) { return w.query_one("PRAGMA wal_checkpoint(TRUNCATE)", {}); });
  if (!row) return row.error();
  if (*row && !(**row).empty() && (**row)[0].to_int64() != 0)
    return Error::failure("checkpoint could not complete: the database was busy");
  return Ok{};
}

void SqliteDatabase::set_statement_logger(StatementLogger logger) { logger_.set(std::move(logger)); }

StatementCacheStats SqliteDatabase::writer_cache_stats() const {
  // Counters are atomics; the writer pointer is stable until close.
  return writer_ ? writer_->cache_stats() : StatementCacheStats{};
}

StatementCacheStats SqliteDatabase::reader_cache_stats() const {
  StatementCacheStats total;
  for (const auto& r : readers_) {
    auto s = r->cache_stats();
    total.prepares += s.prepares;
    total.hits += s.hits;
    total.size += s.size;
    total.capacity = s.capacity;
  }
  return total;
}

}  // namespace fastcms::db
