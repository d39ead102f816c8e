#include "core/records/count_cache.h"

#include <mutex>
#include <unordered_map>

namespace fastcms::core::records {

namespace {

constexpr size_t max_entries = 4096;

struct Entry {
  std::uint64_t database;  ///< Connection::serial(): an address could be reused by another database
  std::int64_t version;
  std::int64_t count;
};

std::mutex cache_mutex;
std::unordered_map<std::string, Entry> cache;

std::string cache_key(const std::string& sql, const db::Params& params) {
  std::string key = sql;
  for (const auto& p : params) {
    key += '\x1f';
    key += static_cast<char>('0' + static_cast<int>(p.type()));
    key += p.is_blob() ? p.if_blob()->bytes : p.to_text();
  }
  return key;
}

}  // namespace

Result<std::int64_t> cached_count(db::Connection& db, const std::string& count_sql, const db::Params& params) {
  auto version = db.data_version();
  std::string key;
  if (version) {
    key = cache_key(count_sql, params);
    std::lock_guard lock(cache_mutex);
    auto it = cache.find(key);
    if (it != cache.end() && it->second.database == db.serial() && it->second.version == *version) return it->second.count;
  }
  auto counted = db.query_value(count_sql, params);
  if (!counted.ok()) return counted.error();
  std::int64_t count = counted->to_int64();
  if (version) {
    std::lock_guard lock(cache_mutex);
    if (cache.size() >= max_entries) cache.clear();
    cache[key] = Entry{db.serial(), *version, count};
  }
  return count;
}

}  // namespace fastcms::core::records
