#include "common/strings.h"
#include "core/collections/table_plan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/collections/index_sql.h"
#include "core/collections/table_ddl.h"

namespace fastcms::core::collections {

namespace {

const char* storage_name(db::LogicalType t) {
  switch (t) {
    case db::LogicalType::text: return "text";
    case db::LogicalType::integer: return "integer";
    case db::LogicalType::real: return "number";
    case db::LogicalType::boolean: return "bool";
    case db::LogicalType::json: return "json";
    case db::LogicalType::datetime: return "datetime";
    case db::LogicalType::blob: return "blob";
  }
  return "text";
}

/// A field of `next` and the existing column it keeps, if any.
struct ColumnMapping {
  const Field* field = nullptr;
  std::string source;               ///< existing column name; "" for a new column
  const Field* previous = nullptr;  ///< the field as last saved, when known
  bool storage_changed = false;
};

std::vector<ColumnMapping> map_columns(const Collection* previous, const Collection& next, const TableInfo& current,
                                       const db::Dialect& d) {
  std::vector<ColumnMapping> out;
  std::set<std::string> taken;
  auto take = [&](const std::string& column) {
    const ColumnInfo* c = current.column(column);
    if (!c || taken.count(strings::to_lower(c->name))) return std::string();
    taken.insert(strings::to_lower(c->name));
    return c->name;
  };
  auto previous_by_id = [&](const std::string& id) -> const Field* {
    if (!previous) return nullptr;
    for (const auto& f : previous->fields)
      if (f.id == id) return &f;
    return nullptr;
  };
  // Fields that keep their id claim their columns first, so a rename wins over a new
  // field that happens to take the old name.
  for (const auto& f : next.fields) {
    ColumnMapping m;
    m.field = &f;
    if (const Field* old = previous_by_id(f.id)) {
      m.source = take(old->name);
      if (!m.source.empty()) m.previous = old;
    }
    out.push_back(m);
  }
  for (auto& m : out) {
    if (!m.source.empty()) continue;
    m.source = take(m.field->name);
    if (!m.source.empty() && previous) m.previous = previous->field(m.source);
  }
  for (auto& m : out) {
    if (m.source.empty()) continue;
    const db::LogicalType now = storage_type(*m.field);
    if (m.previous) {
      m.storage_changed = storage_type(*m.previous) != now;
    } else {
      std::string declared = current.column(m.source)->declared_type;
      std::transform(declared.begin(), declared.end(), declared.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      m.storage_changed = declared != d.column_type(now);
    }
  }
  return out;
}

Result<TablePlan> plan_view(const Collection& next, const TableInfo& current, const db::Dialect& d) {
  TablePlan plan;
  const std::string create = create_view_statement(next, d);
  if (!current.exists()) {
    plan.statements.push_back(create);
    plan.changes.push_back("created view");
    return plan;
  }
  if (current.kind != TableInfo::Kind::view)
    return Error::failure("collection \"" + next.name + "\": the database has a table \"" + current.name +
                          "\" but the collection is a view; a collection cannot change between a table and a view");
  const bool renamed = strings::to_lower(current.name) != strings::to_lower(next.name);
  if (!renamed && normalize_ddl(current.sql) == normalize_ddl(create)) return plan;
  plan.statements.push_back("DROP VIEW " + d.quote_identifier(current.name));
  plan.statements.push_back(create);
  plan.changes.push_back(renamed ? "renamed collection " + current.name + " to " + next.name
                                 : "recreated view (query changed)");
  return plan;
}

Result<TablePlan> plan_rebuild(db::Connection& conn, const Collection& next, const TableInfo& current,
                               const std::vector<ColumnMapping>& columns, TablePlan plan) {
  const auto& d = conn.dialect();
  auto views = views_mentioning(conn, current.name);
  if (!views) return views.error();
  for (const auto& v : *views) plan.statements.push_back("DROP VIEW " + d.quote_identifier(v.name));
  const std::string temp = "_fastcms_rebuild_" + next.name;
  plan.statements.push_back(create_table_statement(next, d, temp));
  std::string targets, sources;
  for (const auto& m : columns) {
    if (m.source.empty()) continue;
    targets += (targets.empty() ? "" : ", ") + d.quote_identifier(m.field->name);
    std::string value = d.quote_identifier(m.source);
    if (m.storage_changed) {
      Field from;
      if (m.previous) from = *m.previous;
      else from.type = "text";
      value = convert_column_sql(value, from, *m.field, d);
    }
    sources += (sources.empty() ? "" : ", ") + value;
  }
  if (!targets.empty())
    plan.statements.push_back("INSERT INTO " + d.quote_identifier(temp) + " (" + targets + ") SELECT " + sources +
                              " FROM " + d.quote_identifier(current.name));
  plan.statements.push_back("DROP TABLE " + d.quote_identifier(current.name));
  plan.statements.push_back("ALTER TABLE " + d.quote_identifier(temp) + " RENAME TO " + d.quote_identifier(next.name));
  for (auto& index : index_statements(next, d)) plan.statements.push_back(std::move(index));
  for (const auto& v : *views) plan.statements.push_back(v.sql);
  plan.changes.push_back("rebuilt table " + next.name + " (rows copied)");
  return plan;
}

}  // namespace

Result<TablePlan> plan_table(db::Connection& conn, const Collection* previous, const Collection& next,
                             const TableInfo& current) {
  const auto& d = conn.dialect();
  if (next.type == "view") return plan_view(next, current, d);
  TablePlan plan;
  if (!current.exists()) {
    plan.statements = create_statements(next, d);
    plan.changes.push_back("created table");
    return plan;
  }
  if (current.kind != TableInfo::Kind::table)
    return Error::failure("collection \"" + next.name + "\": the database has a view \"" + current.name +
                          "\" but the collection is a " + next.type +
                          " collection; a collection cannot change between a view and a table");

  std::string table = current.name;
  if (strings::to_lower(current.name) != strings::to_lower(next.name)) {
    plan.statements.push_back("ALTER TABLE " + d.quote_identifier(current.name) + " RENAME TO " +
                              d.quote_identifier(next.name));
    plan.changes.push_back("renamed collection " + current.name + " to " + next.name);
    table = next.name;
  }
  const std::string qtable = d.quote_identifier(table);

  const auto columns = map_columns(previous, next, current, d);
  std::set<std::string> kept;
  bool rebuild = false;
  for (const auto& m : columns) {
    if (!m.source.empty()) kept.insert(strings::to_lower(m.source));
    rebuild = rebuild || m.storage_changed;
  }
  std::vector<std::string> dropped;
  for (const auto& c : current.columns)
    if (!kept.count(strings::to_lower(c.name))) dropped.push_back(c.name);

  for (const auto& m : columns) {
    if (m.source.empty()) plan.changes.push_back("added field " + m.field->name);
    else if (m.source != m.field->name) plan.changes.push_back("renamed field " + m.source + " to " + m.field->name);
    if (m.storage_changed)
      plan.changes.push_back("changed field " + m.field->name + " from " +
                             (m.previous ? storage_name(storage_type(*m.previous)) : "its column type") + " to " +
                             storage_name(storage_type(*m.field)) + " storage");
  }
  for (const auto& c : dropped) plan.changes.push_back("dropped field " + c);
  if (rebuild) {
    TableInfo renamed = current;
    renamed.name = table;
    return plan_rebuild(conn, next, renamed, columns, std::move(plan));
  }

  // Indexes: keep those declared identically that use no dropped column.
  std::map<std::string, std::string> desired;  // strings::to_lower(name) -> sql
  std::vector<std::string> desired_order;
  for (const auto& sql : index_statements(next, d)) {
    auto parsed = parse_index(sql);
    const std::string key = strings::to_lower(parsed ? parsed->name : sql);
    if (!desired.count(key)) desired_order.push_back(key);
    desired[key] = sql;
  }
  std::set<std::string> present;
  std::set<std::string> redeclared;
  for (const auto& index : current.indexes) {
    const std::string key = strings::to_lower(index.name);
    auto it = desired.find(key);
    const bool uses_dropped = std::any_of(dropped.begin(), dropped.end(), [&](const std::string& c) {
      return index_mentions_column(index.sql, c);
    });
    // Compared as if on the (possibly renamed) table: a rename moves the indexes along.
    const std::string as_is = normalize_ddl(with_index_table(index.sql, table));
    if (it != desired.end() && normalize_ddl(with_index_table(it->second, table)) == as_is && !uses_dropped) {
      present.insert(key);
      continue;
    }
    plan.statements.push_back("DROP INDEX " + d.quote_identifier(index.name));
    if (it == desired.end()) plan.changes.push_back("dropped index " + index.name);
    else redeclared.insert(key);
  }
  for (const auto& c : dropped)
    plan.statements.push_back("ALTER TABLE " + qtable + " DROP COLUMN " + d.quote_identifier(c));
  for (const auto& m : columns)
    if (!m.source.empty() && m.source != m.field->name)
      plan.statements.push_back("ALTER TABLE " + qtable + " RENAME COLUMN " + d.quote_identifier(m.source) + " TO " +
                                d.quote_identifier(m.field->name));
  for (const auto& m : columns)
    if (m.source.empty())
      plan.statements.push_back("ALTER TABLE " + qtable + " ADD COLUMN " + column_definition(*m.field, d));
  for (const auto& key : desired_order) {
    if (present.count(key)) continue;
    plan.statements.push_back(desired[key]);
    auto parsed = parse_index(desired[key]);
    const std::string name = parsed ? parsed->name : key;
    plan.changes.push_back((redeclared.count(key) ? "changed index " : "created index ") + name);
  }
  return plan;
}

}  // namespace fastcms::core::collections
