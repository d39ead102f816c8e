#include "core/migrations/auto_migration.h"

#include <map>

#include "core/collections/schema_apply.h"
#include "core/migrations/data_loss.h"

namespace fastcms::core::migrations {
using collections::ChangeKind;
using collections::StoredCollection;
using nlohmann::json;

namespace {

/// Records in the table of `c` (0 when it has none, is a view or cannot be counted).
std::int64_t record_count(db::Connection& conn, const StoredCollection& c) {
  if (c.type == "view") return 0;
  auto n = conn.query_value("SELECT COUNT(*) FROM " + conn.dialect().quote_identifier(c.name));
  return n ? n->to_int64() : 0;
}

/// The data-losing changes of going from `declared.stored` to `declared.canonical`.
Result<std::vector<std::string>> find_data_loss(db::Connection& conn, const collections::DeclaredSchema& declared,
                                                bool dropping) {
  std::map<std::string, const StoredCollection*> stored_by_id;
  for (const auto& s : declared.stored) stored_by_id[s.id] = &s;
  std::vector<std::string> out;
  for (const auto& definition : declared.canonical) {
    auto it = stored_by_id.find(definition["id"].get<std::string>());
    if (it == stored_by_id.end() || record_count(conn, *it->second) == 0) continue;
    auto before = collections::collection_from_json(it->second->definition);
    auto after = collections::collection_from_json(definition);
    if (!before) return before.error();
    if (!after) return after.error();
    for (auto& line : data_losing_changes(*before, *after)) out.push_back(std::move(line));
  }
  if (dropping)
    for (const auto& u : declared.undeclared)
      if (auto n = record_count(conn, u); n > 0)
        out.push_back(u.name + ": the collection is dropped (no file in app/collections declares it) with its " +
                      std::to_string(n) + " record(s)");
  return out;
}

/// The `_collections` statements that follow `changes`: the definitions in `written`
/// (by id; with times from `times` when given) for created and altered collections, a
/// delete for removed ones.
Result<std::vector<std::string>> row_statements(const db::Dialect& d, const std::vector<collections::CollectionChange>& changes,
                                                const std::map<std::string, json>& written,
                                                const std::map<std::string, const StoredCollection*>& times) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    if (c.kind == ChangeKind::unchanged) continue;
    auto it = written.find(c.id);
    if (c.kind == ChangeKind::deleted || it == written.end()) {
      out.push_back(collections::remove_definition_sql(d, c.id));
      continue;
    }
    auto t = times.find(c.id);
    auto sql = t == times.end() ? collections::save_definition_sql(d, it->second)
                                : collections::save_definition_sql(d, it->second, t->second->created, t->second->updated);
    if (!sql) return sql.error();
    out.push_back(std::move(*sql));
  }
  return out;
}

}  // namespace

Result<AutoMigration> plan_auto_migration(db::Connection& conn, const std::vector<json>& definitions,
                                          collections::UndeclaredCollections undeclared) {
  AutoMigration out;
  bool planned = false;
  const bool dropping = undeclared == collections::UndeclaredCollections::dropped;
  auto status = conn.transaction([&](db::Connection& tx) -> Status {
    auto declared = collections::resolve_declared_schema(tx, definitions, undeclared);
    if (!declared) return declared.error();
    std::vector<std::string> remove_ids;
    for (const auto& u : declared->undeclared) {
      if (dropping) remove_ids.push_back(u.id);
      else out.report.unmanaged.push_back(u.name);
    }
    auto loss = find_data_loss(tx, *declared, dropping);
    if (!loss) return loss.error();
    out.data_loss = std::move(*loss);

    std::vector<std::string> up_ddl;
    auto changes = collections::apply_collection_definitions(tx, declared->canonical, remove_ids, &up_ddl);
    if (!changes) return changes.error();
    for (const auto& c : *changes)
      if (c.kind != ChangeKind::unchanged) out.report.collections.push_back(c);
    if (out.report.collections.empty()) {
      planned = true;
      return Error::failure("planned");  // roll back
    }

    std::map<std::string, json> desired_by_id;
    for (const auto& c : declared->canonical) desired_by_id[c["id"].get<std::string>()] = c;
    std::map<std::string, const StoredCollection*> stored_by_id;
    for (const auto& s : declared->stored) stored_by_id[s.id] = &s;
    auto up_rows = row_statements(tx.dialect(), out.report.collections, desired_by_id, {});
    if (!up_rows) return up_rows.error();

    // Back again: the stored definitions of what changed, and the created ones removed.
    std::vector<json> restore;
    std::vector<std::string> remove_created;
    std::map<std::string, json> restored_by_id;
    for (const auto& c : out.report.collections) {
      auto s = stored_by_id.find(c.id);
      if (s == stored_by_id.end()) {
        remove_created.push_back(c.id);
        continue;
      }
      restore.push_back(s->second->definition);
      restored_by_id[c.id] = s->second->definition;
    }
    std::vector<std::string> down_ddl;
    auto reverted = collections::apply_collection_definitions(tx, restore, remove_created, &down_ddl);
    if (!reverted) return reverted.error();
    auto down_rows = row_statements(tx.dialect(), *reverted, restored_by_id, stored_by_id);
    if (!down_rows) return down_rows.error();

    out.up = std::move(up_ddl);
    out.up.insert(out.up.end(), up_rows->begin(), up_rows->end());
    out.down = std::move(down_ddl);
    out.down.insert(out.down.end(), down_rows->begin(), down_rows->end());
    planned = true;
    return Error::failure("planned");  // roll back
  });
  if (!planned) return status.error();
  return out;
}

}  // namespace fastcms::core::migrations
