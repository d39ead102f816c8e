#include "db/connection.h"

#include <atomic>

namespace fastcms::db {

std::uint64_t Connection::next_serial() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

Result<SqlValue> Connection::query_value(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  if (!row) return row.error();
  if (!row->has_value() || (*row)->empty()) return SqlValue{};
  return (**row)[0];
}

}  // namespace fastcms::db
