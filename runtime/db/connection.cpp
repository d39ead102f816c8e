#include "db/connection.h"

namespace fastcms::db {

Result<SqlValue> Connection::query_value(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  if (!row) return row.error();
  if (!row->has_value() || (*row)->empty()) return SqlValue{};
  return (**row)[0];
}

}  // namespace fastcms::db
