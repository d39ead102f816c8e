#include "core/collections/schema_store.h"

#include "common/datetime.h"
#include "core/collections/system_tables.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

std::string select_columns(const db::Dialect& d) {
  std::string out;
  for (const char* column : {"id", "name", "type", "system", "definition", "created", "updated"})
    out += (out.empty() ? "" : ", ") + d.quote_identifier(column);
  return "SELECT " + out + " FROM " + d.quote_identifier(collections_table);
}

Result<StoredCollection> stored_from_row(const db::Row& row) {
  StoredCollection s;
  s.id = row["id"].to_text();
  s.name = row["name"].to_text();
  s.type = row["type"].to_text();
  s.system = row["system"].to_bool();
  s.created = row["created"].to_text();
  s.updated = row["updated"].to_text();
  s.definition = json::parse(row["definition"].to_text(), nullptr, false);
  if (s.definition.is_discarded() || !s.definition.is_object())
    return Error::failure("collection \"" + s.name + "\" (" + s.id + "): the stored definition is not a JSON object");
  s.definition["created"] = s.created;
  s.definition["updated"] = s.updated;
  return s;
}

}  // namespace

Result<std::vector<StoredCollection>> load_stored_collections(db::Connection& conn) {
  const auto& d = conn.dialect();
  auto rows = conn.query(select_columns(d) + " ORDER BY " + d.quote_identifier("created") + ", " +
                         d.quote_identifier("name"));
  if (!rows) return rows.error();
  std::vector<StoredCollection> out;
  for (const auto& row : *rows) {
    auto s = stored_from_row(row);
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<std::optional<StoredCollection>> find_stored_collection(db::Connection& conn, std::string_view id_or_name) {
  const auto& d = conn.dialect();
  // An id match wins over a name match (an id may equal another collection's name).
  auto row = conn.query_one(select_columns(d) + " WHERE " + d.quote_identifier("id") + " = " + d.placeholder(1) +
                                " OR LOWER(" + d.quote_identifier("name") + ") = LOWER(" + d.placeholder(1) +
                                ") ORDER BY CASE WHEN " + d.quote_identifier("id") + " = " + d.placeholder(1) +
                                " THEN 0 ELSE 1 END",
                            {std::string(id_or_name)});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<StoredCollection>{};
  auto s = stored_from_row(**row);
  if (!s) return s.error();
  return std::optional<StoredCollection>(std::move(*s));
}

Result<std::shared_ptr<const Schema>> load_schema(db::Connection& conn) {
  auto stored = load_stored_collections(conn);
  if (!stored) return stored.error();
  auto schema = std::make_shared<Schema>();
  for (const auto& s : *stored) {
    auto c = collection_from_json(s.definition);
    if (!c) return Error::failure("collection \"" + s.name + "\" (" + s.id + "): " + c.error().message);
    if (auto added = schema->add(std::move(*c)); !added) return added.error();
  }
  return std::shared_ptr<const Schema>(std::move(schema));
}

namespace {

/// A definition as the values of a `_collections` row.
struct DefinitionRow {
  std::string id, name, type, text;
  bool system = false;
};

Result<DefinitionRow> definition_row(const json& definition) {
  auto c = collection_from_json(definition);
  if (!c) return c.error();
  json stored = definition;
  stored["id"] = c->id;
  stored.erase("created");
  stored.erase("updated");
  const bool system = stored.contains("system") && stored["system"].is_boolean() && stored["system"].get<bool>();
  return DefinitionRow{c->id, c->name, c->type, stored.dump(), system};
}

/// INSERT … ON CONFLICT (id) DO UPDATE with the given value fragments, in the order id,
/// name, type, system, definition, created, updated.
std::string upsert_sql(const db::Dialect& d, const std::vector<std::string>& values) {
  std::string sql = "INSERT INTO " + d.quote_identifier(collections_table) + " (";
  std::string list;
  size_t n = 0;
  for (const char* column : {"id", "name", "type", "system", "definition", "created", "updated"}) {
    sql += (n ? ", " : "") + d.quote_identifier(column);
    list += (n ? ", " : "") + values[n];
    ++n;
  }
  return sql + ") VALUES (" + list + ") " +
         d.upsert_clause({"id"}, {"name", "type", "system", "definition", "updated"});
}

std::string delete_sql(const db::Dialect& d, const std::string& id_value) {
  return "DELETE FROM " + d.quote_identifier(collections_table) + " WHERE " + d.quote_identifier("id") + " = " +
         id_value;
}

}  // namespace

Status save_definition(db::Connection& conn, const json& definition) {
  auto row = definition_row(definition);
  if (!row) return row.error();
  const auto& d = conn.dialect();
  std::vector<std::string> placeholders;
  for (size_t i = 1; i <= 7; ++i) placeholders.push_back(d.placeholder(i));
  const std::string now = datetime::now();
  auto r = conn.exec(upsert_sql(d, placeholders), {row->id, row->name, row->type, row->system, row->text, now, now});
  if (!r) return r.error();
  return Ok{};
}

Result<std::string> save_definition_sql(const db::Dialect& d, const json& definition, const std::string& created,
                                        const std::string& updated) {
  auto row = definition_row(definition);
  if (!row) return row.error();
  auto time = [&](const std::string& t) { return t.empty() ? d.now_utc() : d.quote_string_literal(t); };
  return upsert_sql(d, {d.quote_string_literal(row->id), d.quote_string_literal(row->name),
                        d.quote_string_literal(row->type), row->system ? "TRUE" : "FALSE",
                        d.quote_string_literal(row->text), time(created), time(updated)});
}

std::string remove_definition_sql(const db::Dialect& d, std::string_view id) {
  return delete_sql(d, d.quote_string_literal(id));
}

Status remove_definition(db::Connection& conn, std::string_view id) {
  const auto& d = conn.dialect();
  auto r = conn.exec(delete_sql(d, d.placeholder(1)), {std::string(id)});
  if (!r) return r.error();
  return Ok{};
}

}  // namespace fastcms::core::collections
