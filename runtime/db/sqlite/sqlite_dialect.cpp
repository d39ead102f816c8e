#include "db/sqlite/sqlite_dialect.h"

#include <algorithm>

namespace fastcms::db {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "(CASE WHEN <X is a JSON array> THEN X ELSE <otherwise> END)"
std::string when_json_array(std::string_view x, std::string_view otherwise) {
  std::string e(x);
  return "CASE WHEN iif(json_valid(" + e + "), json_type(" + e + ") = 'array', FALSE) THEN " + e +
         " ELSE " + std::string(otherwise) + " END";
}

}  // namespace

std::string SqliteDialect::placeholder(std::size_t index) const { return "?" + std::to_string(index); }

std::string SqliteDialect::column_type(LogicalType type) const {
  switch (type) {
    case LogicalType::text: return "TEXT";
    case LogicalType::integer: return "INTEGER";
    case LogicalType::real: return "NUMERIC";
    case LogicalType::boolean: return "BOOLEAN";
    case LogicalType::json: return "TEXT";
    case LogicalType::datetime: return "TEXT";
    case LogicalType::blob: return "BLOB";
  }
  return "TEXT";
}

std::string SqliteDialect::json_each(std::string_view expr) const {
  return "json_each(" + when_json_array(expr, "json_array(" + std::string(expr) + ")") + ")";
}

std::string SqliteDialect::json_extract(std::string_view expr, const std::vector<std::string>& path) const {
  std::string suffix;  // the path after "$" (or after "$.pb" for non-JSON values)
  for (const auto& seg : path) {
    if (seg.find('"') != std::string::npos) return "NULL";
    if (all_digits(seg)) {
      suffix += "[" + seg + "]";
    } else {
      suffix += ".\"" + seg + "\"";
    }
  }
  std::string e(expr);
  return "(CASE WHEN json_valid(" + e + ") THEN json_extract(" + e + ", " +
         quote_string_literal("$" + suffix) + ") ELSE json_extract(json_object('pb', " + e + "), " +
         quote_string_literal("$.pb" + suffix) + ") END)";
}

std::string SqliteDialect::json_array_length(std::string_view expr) const {
  std::string e(expr);
  return "json_array_length(" +
         when_json_array(e, "(CASE WHEN " + e + " = '' OR " + e + " IS NULL THEN json_array() ELSE json_array(" +
                                e + ") END)") +
         ")";
}

std::string SqliteDialect::now_utc() const { return "strftime('%Y-%m-%d %H:%M:%fZ', 'now')"; }

const SqliteDialect& sqlite_dialect() {
  static const SqliteDialect instance;
  return instance;
}

}  // namespace fastcms::db
