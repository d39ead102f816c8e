// The SQLite implementation of table_introspection.h: reads sqlite_master and
// pragma_table_info, and converts column values with SQLite's JSON functions.
#include <algorithm>
#include <cctype>
#include <regex>

#include "core/collections/table_ddl.h"
#include "core/collections/table_introspection.h"

namespace fastcms::core::collections {

namespace {

Status require_sqlite(const db::Connection& conn) {
  if (conn.dialect().name() != "sqlite")
    return Error::failure("schema introspection is not implemented for " + std::string(conn.dialect().name()));
  return Ok{};
}

bool mentions_word(const std::string& sql, std::string_view word) {
  std::string escaped;
  for (char ch : word) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') escaped += '\\';
    escaped += ch;
  }
  const std::regex re("(^|[^A-Za-z0-9_])" + escaped + "($|[^A-Za-z0-9_])", std::regex::icase);
  return std::regex_search(sql, re);
}

TableInfo table_from_row(const db::Row& row) {
  TableInfo info;
  info.kind = row["type"].to_text() == "view" ? TableInfo::Kind::view : TableInfo::Kind::table;
  info.name = row["name"].to_text();
  info.sql = row["sql"].to_text();
  return info;
}

}  // namespace

const ColumnInfo* TableInfo::column(std::string_view wanted) const {
  for (const auto& c : columns)
    if (c.name.size() == wanted.size() &&
        std::equal(c.name.begin(), c.name.end(), wanted.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                               std::tolower(static_cast<unsigned char>(b)); }))
      return &c;
  return nullptr;
}

Result<TableInfo> inspect_table(db::Connection& conn, std::string_view name) {
  if (auto s = require_sqlite(conn); !s) return s.error();
  auto row = conn.query_one(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
      {std::string(name)});
  if (!row) return row.error();
  if (!row->has_value()) return TableInfo{};
  TableInfo info = table_from_row(**row);
  if (info.kind == TableInfo::Kind::view) return info;

  auto columns = conn.query("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid", {info.name});
  if (!columns) return columns.error();
  for (const auto& c : *columns) info.columns.push_back({c["name"].to_text(), c["type"].to_text()});

  auto indexes = conn.query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 COLLATE NOCASE AND sql IS NOT NULL "
      "ORDER BY name",
      {info.name});
  if (!indexes) return indexes.error();
  for (const auto& i : *indexes) info.indexes.push_back({i["name"].to_text(), i["sql"].to_text()});
  return info;
}

Result<std::vector<TableInfo>> views_mentioning(db::Connection& conn, std::string_view table) {
  if (auto s = require_sqlite(conn); !s) return s.error();
  auto rows = conn.query("SELECT type, name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid");
  if (!rows) return rows.error();
  std::vector<TableInfo> out;
  for (const auto& r : *rows) {
    TableInfo view = table_from_row(r);
    if (mentions_word(view.sql, table)) out.push_back(std::move(view));
  }
  return out;
}

std::string convert_column_sql(const std::string& col, const Field& from, const Field& to,
                               [[maybe_unused]] const db::Dialect& dialect) {
  const db::LogicalType source = storage_type(from);
  const db::LogicalType target = storage_type(to);
  const std::string is_array = "(json_valid(" + col + ") AND json_type(" + col + ") = 'array')";
  if (to.is_multi() && !from.is_multi())
    return "(CASE WHEN " + col + " IS NULL OR " + col + " = '' THEN '[]' WHEN " + is_array + " THEN " + col +
           " ELSE json_array(" + col + ") END)";
  if (from.is_multi() && !to.is_multi() && target == db::LogicalType::text)
    return "COALESCE(CASE WHEN " + is_array + " THEN json_extract(" + col + ", '$[#-1]') ELSE " + col +
           " END, '')";
  switch (target) {
    case db::LogicalType::real: return "COALESCE(CAST(" + col + " AS NUMERIC), 0)";
    case db::LogicalType::boolean:
      return "(CASE WHEN LOWER(CAST(" + col + " AS TEXT)) IN ('1', 'true') THEN TRUE ELSE FALSE END)";
    case db::LogicalType::json:
      if (source == db::LogicalType::text)
        return "(CASE WHEN " + col + " IS NULL OR " + col + " = '' THEN NULL WHEN json_valid(" + col + ") THEN " +
               col + " ELSE json_quote(" + col + ") END)";
      return col;
    default: break;
  }
  return "COALESCE(CAST(" + col + " AS TEXT), '')";
}

}  // namespace fastcms::core::collections
