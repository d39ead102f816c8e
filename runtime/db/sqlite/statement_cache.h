#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/value.h"

struct sqlite3_stmt;

/// The prepared statements of one SQLite connection, keyed by SQL text, bounded in size:
/// the least recently used statement is finalized when a new one would exceed the
/// capacity. Not thread-safe: it belongs to one connection, used by one thread at a time.
namespace fastcms::db {

class StatementCache {
 public:
  struct Entry {
    std::string sql;
    sqlite3_stmt* stmt = nullptr;
    /// Column names of the result, shared by the rows of every execution; rebuilt when
    /// SQLite re-prepared the statement (its schema changed).
    std::shared_ptr<const ColumnSet> columns;
    int columns_reprepare_count = -1;
    /// Set while the statement runs; a running statement is never handed out again or
    /// evicted (a nested use of the same SQL gets a statement of its own).
    bool in_use = false;
  };

  explicit StatementCache(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}
  ~StatementCache() { clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  /// The entry for `sql` (possibly in use), now the most recently used, or nullptr.
  Entry* find(std::string_view sql);
  /// Adds a freshly prepared statement for a `sql` not yet cached (the cache takes ownership) and evicts the least
  /// recently used entries beyond the capacity, except those in use. An entry stays valid
  /// while it is in use; otherwise until the next insert or clear.
  Entry* insert(std::string sql, sqlite3_stmt* stmt);
  /// Finalizes every statement (none may be in use).
  void clear();

  std::size_t size() const { return lru_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::list<Entry> lru_;  // front = most recently used
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views into lru_
};

}  // namespace fastcms::db
