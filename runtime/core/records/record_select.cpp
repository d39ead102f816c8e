#include "core/records/record_select.h"

#include "core/filter/compiler.h"
#include "core/records/record_json.h"

namespace fastcms::core::records {

std::string root_column_sql(std::string_view column, const db::Dialect& dialect) {
  return std::string(filter::root_alias) + "." + dialect.quote_identifier(column);
}

std::string record_columns_sql(const collections::Collection& collection, const db::Dialect& dialect) {
  std::string out;
  for (const auto& field : collection.fields) {
    if (!out.empty()) out += ", ";
    out += root_column_sql(field.name, dialect);
  }
  if (out.empty()) out = root_column_sql("id", dialect);
  return out;
}

std::string record_source_sql(const collections::Collection& collection, const db::Dialect& dialect) {
  return dialect.quote_identifier(collection.name) + " AS " + std::string(filter::root_alias);
}

std::string in_json_array_sql(std::string_view expr_sql, size_t param_number, const db::Dialect& dialect) {
  return std::string(expr_sql) + " IN (SELECT value FROM " + dialect.json_each(dialect.placeholder(param_number)) +
         ")";
}

db::SqlValue json_array_param(const std::vector<std::string>& values) {
  return db::SqlValue(nlohmann::json(values).dump());
}

std::vector<nlohmann::json> records_from_rows(const collections::Collection& collection,
                                              const std::vector<db::Row>& rows) {
  std::vector<nlohmann::json> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(record_from_row(collection, row));
  return out;
}

}  // namespace fastcms::core::records

#include "core/filter/sql_dialect.h"

namespace fastcms::core::records {

std::string insertion_order_sql(const collections::Collection& collection) {
  if (collection.type == "view") return "";
  // The dialect filters compile with by default (CompileOptions::dialect left null).
  return filter::sqlite_dialect().rowid(std::string(filter::root_alias)) + " ASC";
}

}  // namespace fastcms::core::records
