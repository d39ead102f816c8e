#include "core/collections/collection_file_cleanup.h"

#include "core/records/body_modifiers.h"

namespace fastcms::core::collections {

namespace {

bool keeps_file_field(const Collection& next, const Field& field) {
  for (const auto& f : next.fields)
    if (f.id == field.id && f.type == "file") return true;
  return false;
}

/// Adds the files the rows of `table_name` hold in `field` (a file field of `collection`).
Status add_column_files(db::Connection& conn, const Collection& collection, const Field& field,
                        const std::string& table_name, files::FileDiscard& discard) {
  const auto& dialect = conn.dialect();
  const std::string column = dialect.quote_identifier(field.name);
  return conn.for_each_row(
      "SELECT " + dialect.quote_identifier("id") + ", " + column + " FROM " + dialect.quote_identifier(table_name) +
          " WHERE " + column + " IS NOT NULL AND " + column + " NOT IN ('', '[]')",
      {}, [&](const db::Row& row) -> Status {
        const std::string id = row["id"].to_text();
        for (const auto& name : records::unique_strings(nlohmann::json(row[field.name].to_text())))
          discard.add_file(collection.id, id, name);
        return Ok{};
      });
}

}  // namespace

Result<files::FileDiscard> dropped_field_files(db::Connection& conn, const Collection& previous, const Collection& next,
                                               const TableInfo& table) {
  files::FileDiscard discard;
  if (previous.type == "view" || table.kind != TableInfo::Kind::table) return discard;
  for (const auto& field : previous.fields) {
    if (field.type != "file" || keeps_file_field(next, field) || !table.column(field.name) || !table.column("id"))
      continue;
    if (auto status = add_column_files(conn, previous, field, table.name, discard); !status) return status.error();
  }
  return discard;
}

Result<files::FileDiscard> stored_record_files(db::Connection& conn, const Collection& collection) {
  files::FileDiscard discard;
  if (collection.type == "view") return discard;
  for (const auto& field : collection.fields)
    if (field.type == "file")
      if (auto status = add_column_files(conn, collection, field, collection.name, discard); !status)
        return status.error();
  return discard;
}

files::FileDiscard collection_files(const Collection& collection) {
  files::FileDiscard discard;
  if (collection.type != "view" && !collection.id.empty()) discard.prefixes.push_back(collection.id);
  return discard;
}

}  // namespace fastcms::core::collections
