#include "core/collections/table_ddl.h"

namespace fastcms::core::collections {

db::LogicalType storage_type(const Field& f) {
  if (f.type == "number") return db::LogicalType::real;
  if (f.type == "bool") return db::LogicalType::boolean;
  if (f.type == "date" || f.type == "autodate") return db::LogicalType::datetime;
  if (f.type == "json" || f.type == "geoPoint") return db::LogicalType::json;
  if (f.is_multi()) return db::LogicalType::json;
  return db::LogicalType::text;
}

std::string column_definition(const Field& f, const db::Dialect& dialect) {
  std::string out = dialect.quote_identifier(f.name) + " " + dialect.column_type(storage_type(f));
  if (f.name == "id") return out + " PRIMARY KEY NOT NULL";
  if (f.type == "json") return out + " DEFAULT NULL";
  std::string zero;
  switch (storage_type(f)) {
    case db::LogicalType::real: zero = "0"; break;
    case db::LogicalType::boolean: zero = "FALSE"; break;
    case db::LogicalType::json:
      zero = dialect.quote_string_literal(f.type == "geoPoint" ? R"({"lon":0,"lat":0})" : "[]");
      break;
    default: zero = "''"; break;
  }
  return out + " DEFAULT " + zero + " NOT NULL";
}

std::vector<std::string> implicit_index_statements(const Collection& c, const db::Dialect& dialect) {
  if (!c.is_auth()) return {};
  const std::string table = dialect.quote_identifier(c.name);
  return {"CREATE UNIQUE INDEX " + dialect.quote_identifier("idx_email_" + c.id) + " ON " + table + " (" +
              dialect.quote_identifier("email") + ") WHERE " + dialect.quote_identifier("email") + " != ''",
          "CREATE UNIQUE INDEX " + dialect.quote_identifier("idx_tokenKey_" + c.id) + " ON " + table + " (" +
              dialect.quote_identifier("tokenKey") + ")"};
}

std::string create_table_statement(const Collection& c, const db::Dialect& dialect, std::string_view table_name) {
  std::string sql = "CREATE TABLE " + dialect.quote_identifier(table_name.empty() ? c.name : table_name) + " (";
  bool first = true;
  if (!c.field("id")) {
    sql += dialect.quote_identifier("id") + " " + dialect.column_type(db::LogicalType::text) + " PRIMARY KEY NOT NULL";
    first = false;
  }
  for (const auto& f : c.fields) {
    sql += (first ? "" : ", ") + column_definition(f, dialect);
    first = false;
  }
  return sql + ")";
}

std::vector<std::string> index_statements(const Collection& c, const db::Dialect& dialect) {
  std::vector<std::string> out = implicit_index_statements(c, dialect);
  // Declared indexes are project code (validated to be CREATE INDEX on this table).
  if (auto it = c.definition.find("indexes"); it != c.definition.end() && it->is_array())
    for (const auto& index : *it)
      if (index.is_string()) out.push_back(index.get<std::string>());
  return out;
}

std::string create_view_statement(const Collection& c, const db::Dialect& dialect) {
  return "CREATE VIEW " + dialect.quote_identifier(c.name) + " AS " +
         c.definition.value("viewQuery", std::string("SELECT NULL AS id"));
}

std::vector<std::string> create_statements(const Collection& c, const db::Dialect& dialect) {
  if (c.type == "view") return {create_view_statement(c, dialect)};
  std::vector<std::string> out = {create_table_statement(c, dialect)};
  for (auto& index : index_statements(c, dialect)) out.push_back(std::move(index));
  return out;
}

}  // namespace fastcms::core::collections
