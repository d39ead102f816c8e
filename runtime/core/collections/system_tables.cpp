#include "core/collections/system_tables.h"

#include <string>
#include <vector>

#include "core/auth/api_keys.h"
#include "core/collections/collection_definition.h"
#include "core/collections/schema_store.h"
#include "core/collections/table_ddl.h"
#include "core/collections/table_introspection.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

/// A column definition: quoted name, native type, then `rest` (constraints, default).
std::string column(const db::Dialect& d, const char* name, db::LogicalType type, const std::string& rest) {
  return d.quote_identifier(name) + " " + d.column_type(type) + (rest.empty() ? "" : " " + rest);
}

std::string create_table(const db::Dialect& d, std::string_view table, const std::vector<std::string>& columns) {
  std::string sql = "CREATE TABLE " + d.quote_identifier(table) + " (";
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
  return sql + ")";
}

/// The statements creating each meta table, by table name.
std::vector<std::pair<std::string_view, std::vector<std::string>>> meta_tables(const db::Dialect& d) {
  using T = db::LogicalType;
  const std::string key = "PRIMARY KEY NOT NULL";
  const std::string text = "DEFAULT '' NOT NULL";
  return {
      {collections_table,
       {create_table(d, collections_table,
                     {column(d, "id", T::text, key), column(d, "name", T::text, "NOT NULL"),
                      column(d, "type", T::text, "DEFAULT 'base' NOT NULL"),
                      column(d, "system", T::boolean, "DEFAULT FALSE NOT NULL"),
                      column(d, "definition", T::json, "NOT NULL"), column(d, "created", T::datetime, text),
                      column(d, "updated", T::datetime, text)}),
        "CREATE UNIQUE INDEX " + d.quote_identifier("idx__collections_name") + " ON " +
            d.quote_identifier(collections_table) + " (LOWER(" + d.quote_identifier("name") + "))"}},
      {params_table,
       {create_table(d, params_table,
                     {column(d, "key", T::text, key), column(d, "value", T::json, "DEFAULT NULL"),
                      column(d, "created", T::datetime, text), column(d, "updated", T::datetime, text)})}},
      {migrations_table,
       {create_table(d, migrations_table,
                     {column(d, "version", T::text, key), column(d, "name", T::text, text),
                      column(d, "checksum", T::text, text), column(d, "applied", T::datetime, text),
                      column(d, "duration_ms", T::integer, "DEFAULT 0 NOT NULL")})}},
      {auth::api_keys_table, auth::api_keys_table_statements(d)},
  };
}

Status exec_all(db::Connection& conn, const std::vector<std::string>& statements) {
  for (const auto& sql : statements)
    if (auto r = conn.exec(sql); !r) return r.error();
  return Ok{};
}

/// Creates the system collection `definition` (its table and its `_collections` row) unless
/// a collection with its id is stored.
Status ensure_system_collection(db::Connection& conn, const json& definition_in) {
  auto stored = find_stored_collection(conn, definition_in.at("id").get<std::string>());
  if (!stored) return stored.error();
  if (stored->has_value()) return Ok{};
  auto definition = canonical_definition(definition_in, CollectionDirectory{});
  if (!definition) return definition.error();
  auto collection = collection_from_json(*definition);
  if (!collection) return collection.error();
  auto table = inspect_table(conn, collection->name);
  if (!table) return table.error();
  if (!table->exists())
    if (auto s = exec_all(conn, create_statements(*collection, conn.dialect())); !s) return s;
  return save_definition(conn, *definition);
}

}  // namespace

const json& superusers_definition() {
  static const json definition = {
      {"id", superusers_collection_id},
      {"name", "_superusers"},
      {"type", "auth"},
      {"system", true},
      {"fields",
       {{{"name", "email"}, {"type", "email"}, {"system", true}, {"required", true}},
        {{"name", "created"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", false}},
        {{"name", "updated"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", true}}}},
      {"listRule", nullptr},
      {"viewRule", nullptr},
      {"createRule", nullptr},
      {"updateRule", nullptr},
      {"deleteRule", nullptr},
      {"authRule", ""},
      {"manageRule", nullptr},
      {"passwordAuth", {{"enabled", true}, {"identityFields", {"email"}}}},
      {"authToken", {{"duration", 86400}}},
  };
  return definition;
}

Status ensure_system_tables(db::Connection& conn) {
  return conn.transaction([](db::Connection& tx) -> Status {
    for (const auto& [table, statements] : meta_tables(tx.dialect())) {
      auto info = inspect_table(tx, table);
      if (!info) return info.error();
      if (info->exists()) continue;
      if (auto s = exec_all(tx, statements); !s) return s;
    }
    for (const auto& definition : system_collection_definitions())
      if (auto s = ensure_system_collection(tx, definition); !s) return s;
    return Ok{};
  });
}

}  // namespace fastcms::core::collections
