#include "db/sqlite/sqlite_handle.h"

#include <sqlite3.h>

namespace fastcms::db {

namespace {

constexpr std::size_t kMaxSqlInMessage = 400;

std::string_view trim_sql(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n;");
  return s.substr(b, e == std::string_view::npos || e < b ? 0 : e - b + 1);
}

/// The first complete statement of a script (up to and including its ';'), or the
/// whole text when it has no complete statement. Used for error messages only.
std::string_view first_statement(std::string_view script) {
  for (std::size_t pos = script.find(';'); pos != std::string_view::npos; pos = script.find(';', pos + 1)) {
    std::string prefix(script.substr(0, pos + 1));
    if (sqlite3_complete(prefix.c_str())) return script.substr(0, pos + 1);
  }
  return script;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n;") == std::string_view::npos; }

/// Measures one statement and hands it to the logger when the scope ends.
class LogScope {
 public:
  LogScope(const LoggerSlot* slot, std::string_view sql) : slot_(slot && slot->active() ? slot : nullptr), sql_(sql) {
    if (slot_) start_ = std::chrono::steady_clock::now();
  }
  ~LogScope() {
    if (slot_) slot_->log(sql_, std::chrono::steady_clock::now() - start_);
  }
  void cancel() { slot_ = nullptr; }
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

 private:
  const LoggerSlot* slot_;
  std::string_view sql_;
  std::chrono::steady_clock::time_point start_;
};

SqlValue read_column(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: return sqlite3_column_double(s, i);
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      int n = sqlite3_column_bytes(s, i);
      return std::string(p ? p : "", p ? static_cast<std::size_t>(n) : 0);
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(s, i));
      int n = sqlite3_column_bytes(s, i);
      return Blob{std::string(p ? p : "", p ? static_cast<std::size_t>(n) : 0)};
    }
    default: return nullptr;
  }
}

int bind_value(sqlite3_stmt* s, int i, const SqlValue& v) {
  switch (v.type()) {
    case SqlType::null: return sqlite3_bind_null(s, i);
    case SqlType::integer: return sqlite3_bind_int64(s, i, *v.if_integer());
    case SqlType::real: return sqlite3_bind_double(s, i, *v.if_real());
    case SqlType::text: {
      const std::string& t = *v.if_text();
      // SQLITE_STATIC: the parameters outlive the execution; bindings are cleared after it.
      return sqlite3_bind_text64(s, i, t.data(), t.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    case SqlType::blob: {
      const std::string& b = v.if_blob()->bytes;
      if (b.empty()) return sqlite3_bind_zeroblob(s, i, 0);  // a NULL pointer would bind NULL
      return sqlite3_bind_blob64(s, i, b.data(), b.size(), SQLITE_STATIC);
    }
  }
  return SQLITE_MISUSE;
}

}  // namespace

// --- LoggerSlot ----------------------------------------------------------------

void LoggerSlot::set(StatementLogger logger) {
  if (logger) {
    logger_.store(std::make_shared<const StatementLogger>(std::move(logger)));
    active_.store(true, std::memory_order_relaxed);
  } else {
    active_.store(false, std::memory_order_relaxed);
    logger_.store(nullptr);
  }
}

void LoggerSlot::log(std::string_view sql, std::chrono::nanoseconds duration) const {
  auto logger = logger_.load();
  if (logger && *logger) (*logger)(sql, duration);
}

Error sql_error(std::string_view message, std::string_view sql) {
  std::string_view t = trim_sql(sql);
  std::string shown(t.substr(0, kMaxSqlInMessage));
  if (t.size() > kMaxSqlInMessage) shown += "...";
  return Error::failure("SQL error: " + std::string(message) + " (in: " + shown + ")");
}

// --- a statement checked out for one execution ------------------------------------

struct SqliteHandle::Prepared {
  sqlite3_stmt* stmt = nullptr;
  StatementCache::Entry* entry = nullptr;  ///< null: a temporary statement owned here

  Prepared(sqlite3_stmt* s, StatementCache::Entry* e) : stmt(s), entry(e) {}
  Prepared(Prepared&& o) noexcept : stmt(o.stmt), entry(o.entry) { o.stmt = nullptr; }
  Prepared& operator=(Prepared&&) = delete;
  ~Prepared() {
    if (!stmt) return;
    if (entry) {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
      entry->in_use = false;
    } else {
      sqlite3_finalize(stmt);
    }
  }
};

// --- SqliteHandle -------------------------------------------------------------

SqliteHandle::SqliteHandle(sqlite3* db, const Options& options)
    : db_(db), options_(options), cache_(options.statement_cache_size) {}

SqliteHandle::~SqliteHandle() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<SqliteHandle>> SqliteHandle::open(const std::string& filename, bool create,
                                                         const Options& options) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(filename.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Error::failure("cannot open database " + filename + ": " + why);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
  return std::unique_ptr<SqliteHandle>(new SqliteHandle(db, options));
}

Error SqliteHandle::error_for(int rc, std::string_view sql) const {
  if ((rc & 0xff) == SQLITE_BUSY) {
    return sql_error("database is locked (another connection or process held the lock for longer "
                     "than the busy timeout of " +
                         std::to_string(options_.busy_timeout.count()) + " ms)",
                     sql);
  }
  return sql_error(sqlite3_errmsg(db_), sql);
}

Result<SqliteHandle::Prepared> SqliteHandle::prepare(std::string_view sql) {
  StatementCache::Entry* cached = cache_.find(sql);
  if (cached && !cached->in_use) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    cached->in_use = true;
    return Prepared(cached->stmt, cached);
  }
  // Not cached, or cached but running (a nested use): compile it.
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cached ? 0 : SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  prepares_.fetch_add(1, std::memory_order_relaxed);
  if (rc != SQLITE_OK) return error_for(rc, sql);
  if (!stmt) return sql_error("empty statement (nothing to run)", sql);

  // Refuse a second statement after the first (it would silently not run).
  std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  while (!blank(rest)) {
    sqlite3_stmt* next = nullptr;
    const char* next_tail = nullptr;
    int rc2 = sqlite3_prepare_v3(db_, rest.data(), static_cast<int>(rest.size()), 0, &next, &next_tail);
    bool another = rc2 != SQLITE_OK || next != nullptr;
    sqlite3_finalize(next);
    if (another || next_tail == nullptr || next_tail == rest.data()) {
      sqlite3_finalize(stmt);
      return sql_error("several statements given where one was expected (use exec_script)", sql);
    }
    rest.remove_prefix(static_cast<std::size_t>(next_tail - rest.data()));
  }

  if (cached) return Prepared(stmt, nullptr);
  StatementCache::Entry* entry = cache_.insert(std::string(sql), stmt);
  entry->in_use = true;
  cache_size_.store(cache_.size(), std::memory_order_relaxed);
  return Prepared(stmt, entry);
}

std::shared_ptr<const ColumnSet> SqliteHandle::columns_of(Prepared& p) {
  int reprepared = sqlite3_stmt_status(p.stmt, SQLITE_STMTSTATUS_REPREPARE, 0);
  if (p.entry && p.entry->columns && p.entry->columns_reprepare_count == reprepared) return p.entry->columns;
  int n = sqlite3_column_count(p.stmt);
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const char* name = sqlite3_column_name(p.stmt, i);
    names.emplace_back(name ? name : "");
  }
  auto columns = std::make_shared<const ColumnSet>(std::move(names));
  if (p.entry) {
    p.entry->columns = columns;
    p.entry->columns_reprepare_count = reprepared;
  }
  return columns;
}

namespace {

Row make_row(sqlite3_stmt* s, const std::shared_ptr<const ColumnSet>& columns) {
  int n = sqlite3_column_count(s);
  std::vector<SqlValue> values;
  values.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) values.push_back(read_column(s, i));
  return Row(columns, std::move(values));
}

}  // namespace

Row SqliteHandle::read_row(Prepared& p) { return make_row(p.stmt, columns_of(p)); }

/// Prepares (or reuses) `sql`, binds `params` and steps it, calling `on_row(Prepared&)`
/// for each row while it returns true.
template <class OnRow>
Status SqliteHandle::run(std::string_view sql, const Params& params, bool* needs_writer, OnRow&& on_row) {
  LogScope log(options_.logger, sql);
  auto prepared = prepare(sql);
  if (!prepared) return prepared.error();
  Prepared& p = *prepared;
  if (needs_writer && !sqlite3_stmt_readonly(p.stmt)) {
    *needs_writer = true;
    log.cancel();
    return Ok{};
  }
  int expected = sqlite3_bind_parameter_count(p.stmt);
  if (expected != static_cast<int>(params.size())) {
    return sql_error("the statement takes " + std::to_string(expected) + " parameter(s) but " +
                         std::to_string(params.size()) + " were given",
                     sql);
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int rc = bind_value(p.stmt, static_cast<int>(i + 1), params[i]);
    if (rc != SQLITE_OK) return sql_error("cannot bind parameter " + std::to_string(i + 1) + " (" +
                                              describe(params[i]) + "): " + sqlite3_errstr(rc),
                                          sql);
  }
  for (;;) {
    int rc = sqlite3_step(p.stmt);
    if (rc == SQLITE_ROW) {
      if (!on_row(p)) return Ok{};
    } else if (rc == SQLITE_DONE) {
      return Ok{};
    } else {
      return error_for(rc, sql);
    }
  }
}

Result<std::vector<Row>> SqliteHandle::query(std::string_view sql, const Params& params, bool* needs_writer) {
  std::vector<Row> rows;
  std::shared_ptr<const ColumnSet> columns;
  auto st = run(sql, params, needs_writer, [&](Prepared& p) {
    if (!columns) columns = columns_of(p);
    rows.push_back(make_row(p.stmt, columns));
    return true;
  });
  if (!st) return st.error();
  return rows;
}

Result<std::optional<Row>> SqliteHandle::query_one(std::string_view sql, const Params& params,
                                                   bool* needs_writer) {
  std::optional<Row> row;
  auto st = run(sql, params, needs_writer, [&](Prepared& p) {
    row = read_row(p);
    return false;
  });
  if (!st) return st.error();
  return row;
}

Status SqliteHandle::for_each_row(std::string_view sql, const Params& params, const RowFn& on_row,
                                  bool* needs_writer) {
  std::optional<Error> stopped;
  std::shared_ptr<const ColumnSet> columns;
  auto st = run(sql, params, needs_writer, [&](Prepared& p) {
    if (!columns) columns = columns_of(p);
    Status r = on_row(make_row(p.stmt, columns));
    if (!r) {
      stopped = r.error();
      return false;
    }
    return true;
  });
  if (!st) return st;
  if (stopped) return *stopped;
  return Ok{};
}

Result<ExecResult> SqliteHandle::exec(std::string_view sql, const Params& params) {
  std::int64_t before = sqlite3_total_changes64(db_);
  auto st = run(sql, params, nullptr, [](Prepared&) { return true; });
  if (!st) return st.error();
  ExecResult r;
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE: report it only
  // when this statement changed something (a SELECT or DDL reports 0).
  r.changes = sqlite3_total_changes64(db_) != before ? sqlite3_changes64(db_) : 0;
  r.last_insert_rowid = sqlite3_last_insert_rowid(db_);
  return r;
}

Status SqliteHandle::exec_script(std::string_view sql) {
  const char* p = sql.data();
  const char* end = sql.data() + sql.size();
  while (p < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    std::string_view remaining(p, static_cast<std::size_t>(end - p));
    int rc = sqlite3_prepare_v3(db_, p, static_cast<int>(end - p), 0, &stmt, &tail);
    if (rc != SQLITE_OK) {
      return error_for(rc, first_statement(remaining));
    }
    if (!stmt) break;  // only whitespace or comments left
    std::string_view one(p, static_cast<std::size_t>(tail - p));
    LogScope log(options_.logger, trim_sql(one));
    if (sqlite3_bind_parameter_count(stmt) > 0) {
      sqlite3_finalize(stmt);
      return sql_error("parameters are not allowed in a script (use exec)", one);
    }
    do {
      rc = sqlite3_step(stmt);
    } while (rc == SQLITE_ROW);
    if (rc != SQLITE_DONE) {
      Error e = error_for(rc, one);
      sqlite3_finalize(stmt);
      return e;
    }
    sqlite3_finalize(stmt);
    p = tail;
  }
  return Ok{};
}

bool SqliteHandle::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void SqliteHandle::rollback_if_open() {
  if (in_transaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

StatementCacheStats SqliteHandle::cache_stats() const {
  StatementCacheStats s;
  s.prepares = prepares_.load(std::memory_order_relaxed);
  s.hits = hits_.load(std::memory_order_relaxed);
  s.size = cache_size_.load(std::memory_order_relaxed);
  s.capacity = cache_.capacity();
  return s;
}

}  // namespace fastcms::db
