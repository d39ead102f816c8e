#include "core/records/record_rows.h"

#include "core/records/record_json.h"

namespace fastcms::core::records {

namespace {

std::string table(db::Connection& db, const collections::Collection& c) {
  return db.dialect().quote_identifier(c.name);
}

std::string id_equals(db::Connection& db, size_t param) {
  return db.dialect().quote_identifier("id") + " = " + db.dialect().placeholder(param);
}

}  // namespace

Result<std::optional<nlohmann::json>> load_record(db::Connection& db, const collections::Collection& collection,
                                                  std::string_view id) {
  auto row = db.query_one("SELECT * FROM " + table(db, collection) + " WHERE " + id_equals(db, 1),
                          {db::SqlValue(id)});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(record_from_row(collection, **row));
}

Status insert_record(db::Connection& db, const collections::Collection& collection, const nlohmann::json& record) {
  std::string columns, values;
  db::Params params;
  for (const auto& f : collection.fields) {
    if (!params.empty()) columns += ", ", values += ", ";
    params.push_back(to_sql_value(f, record.contains(f.name) ? record[f.name] : nlohmann::json()));
    columns += db.dialect().quote_identifier(f.name);
    values += db.dialect().placeholder(params.size());
  }
  auto done = db.exec("INSERT INTO " + table(db, collection) + " (" + columns + ") VALUES (" + values + ")", params);
  if (!done) return done.error();
  return Ok{};
}

Status update_record_row(db::Connection& db, const collections::Collection& collection, std::string_view id,
                         const nlohmann::json& record) {
  std::string sets;
  db::Params params;
  for (const auto& f : collection.fields) {
    if (f.name == "id") continue;
    if (!params.empty()) sets += ", ";
    params.push_back(to_sql_value(f, record.contains(f.name) ? record[f.name] : nlohmann::json()));
    sets += db.dialect().quote_identifier(f.name) + " = " + db.dialect().placeholder(params.size());
  }
  if (params.empty()) return Ok{};
  params.emplace_back(id);
  auto done = db.exec("UPDATE " + table(db, collection) + " SET " + sets + " WHERE " + id_equals(db, params.size()),
                      params);
  if (!done) return done.error();
  return Ok{};
}

Result<bool> delete_record_row(db::Connection& db, const collections::Collection& collection, std::string_view id) {
  auto done = db.exec("DELETE FROM " + table(db, collection) + " WHERE " + id_equals(db, 1), {db::SqlValue(id)});
  if (!done) return done.error();
  return done->changes > 0;
}

}  // namespace fastcms::core::records
