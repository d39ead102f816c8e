#include "db/sqlite/statement_cache.h"

#include <iterator>

#include <sqlite3.h>

namespace fastcms::db {

StatementCache::Entry* StatementCache::find(std::string_view sql) {
  auto it = index_.find(sql);
  if (it == index_.end()) return nullptr;
  if (it->second != lru_.begin()) lru_.splice(lru_.begin(), lru_, it->second);
  return &*it->second;
}

StatementCache::Entry* StatementCache::insert(std::string sql, sqlite3_stmt* stmt) {
  lru_.push_front(Entry{std::move(sql), stmt, nullptr, -1, false});
  index_.emplace(lru_.front().sql, lru_.begin());
  auto it = std::prev(lru_.end());
  while (lru_.size() > capacity_ && it != lru_.begin()) {
    auto victim = it--;
    if (victim->in_use) continue;
    index_.erase(victim->sql);
    sqlite3_finalize(victim->stmt);
    lru_.erase(victim);
  }
  return &lru_.front();
}

void StatementCache::clear() {
  for (auto& e : lru_) sqlite3_finalize(e.stmt);
  index_.clear();
  lru_.clear();
}

}  // namespace fastcms::db
