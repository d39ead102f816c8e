#include "core/collections/schema_apply.h"

#include <map>
#include <optional>
#include <set>

#include "core/collections/collection.h"
#include "core/collections/collection_file_cleanup.h"
#include "core/collections/schema_store.h"
#include "core/collections/table_introspection.h"
#include "core/collections/table_plan.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

json without_times(json definition) {
  definition.erase("created");
  definition.erase("updated");
  return definition;
}

/// Lines for what changed in the definition beyond what the DDL plan reports.
std::vector<std::string> definition_changes(const json& before, const json& after) {
  std::vector<std::string> out;
  static const std::set<std::string> covered = {"id", "name", "fields", "indexes", "created", "updated"};
  std::set<std::string> keys;
  for (auto it = before.begin(); it != before.end(); ++it) keys.insert(it.key());
  for (auto it = after.begin(); it != after.end(); ++it) keys.insert(it.key());
  for (const auto& key : keys) {
    if (covered.count(key)) continue;
    const json a = before.contains(key) ? before[key] : json();
    const json b = after.contains(key) ? after[key] : json();
    if (a != b) out.push_back("changed " + key);
  }
  std::map<std::string, json> old_fields;
  for (const auto& f : before.value("fields", json::array())) old_fields[f.value("id", "")] = f;
  const bool view = after.value("type", "") == "view";
  std::set<std::string> seen;
  for (const auto& f : after.value("fields", json::array())) {
    const std::string id = f.value("id", "");
    seen.insert(id);
    auto old = old_fields.find(id);
    if (old == old_fields.end()) {
      if (view) out.push_back("added field " + f.value("name", ""));
      continue;
    }
    json a = old->second, b = f;
    a.erase("name");
    b.erase("name");
    if (a != b) out.push_back("changed field " + f.value("name", ""));
  }
  if (view)
    for (const auto& [id, f] : old_fields)
      if (!seen.count(id)) out.push_back("removed field " + f.value("name", ""));
  return out;
}

Status run(db::Connection& conn, const std::vector<std::string>& statements, std::vector<std::string>* ran) {
  for (const auto& sql : statements) {
    if (auto r = conn.exec(sql); !r) return r.error();
    if (ran) ran->push_back(sql);
  }
  return Ok{};
}

Result<CollectionChange> remove_one(db::Connection& conn, const StoredCollection& stored, std::vector<std::string>* ran) {
  auto current = inspect_table(conn, stored.name);
  if (!current) return current.error();
  if (current->exists()) {
    const char* what = current->kind == TableInfo::Kind::view ? "DROP VIEW " : "DROP TABLE ";
    if (auto s = run(conn, {what + conn.dialect().quote_identifier(current->name)}, ran); !s) return s.error();
  }
  if (auto s = remove_definition(conn, stored.id); !s) return s.error();
  if (auto removed = collection_from_json(stored.definition))
    files::discard_after_commit(conn, collection_files(*removed));
  return CollectionChange{stored.id, stored.name, ChangeKind::deleted, {"dropped " + stored.name}};
}

Result<CollectionChange> apply_one(db::Connection& conn, const json& definition, const StoredCollection* stored,
                                   std::vector<std::string>* ran) {
  auto next = collection_from_json(definition);
  if (!next) return next.error();
  std::optional<Collection> previous;
  if (stored) {
    auto p = collection_from_json(stored->definition);
    if (!p) return Error::failure("collection \"" + stored->name + "\": " + p.error().message);
    previous = std::move(*p);
  }
  auto current = inspect_table(conn, previous ? previous->name : next->name);
  if (!current) return current.error();
  if (!current->exists() && previous && previous->name != next->name) {
    current = inspect_table(conn, next->name);
    if (!current) return current.error();
  }
  auto plan = plan_table(conn, previous ? &*previous : nullptr, *next, *current);
  if (!plan) return plan.error();
  if (previous && current->exists()) {  // read before the DDL drops the columns
    auto dropped = dropped_field_files(conn, *previous, *next, *current);
    if (!dropped) return dropped.error();
    files::discard_after_commit(conn, std::move(*dropped));
  }
  if (auto s = run(conn, plan->statements, ran); !s) return s.error();

  CollectionChange change{next->id, next->name, ChangeKind::unchanged, plan->changes};
  const json before = stored ? without_times(stored->definition) : json::object();
  const json after = without_times(definition);
  const bool definition_changed = !stored || before != after;
  if (definition_changed) {
    if (auto s = save_definition(conn, after); !s) return s.error();
    if (stored)
      for (auto& line : definition_changes(before, after)) change.changes.push_back(std::move(line));
  }
  if (!stored && !current->exists()) {
    change.kind = ChangeKind::created;
  } else if (!plan->statements.empty() || definition_changed) {
    change.kind = ChangeKind::altered;
    if (change.changes.empty()) change.changes.push_back(stored ? "updated definition" : "registered existing table");
  }
  return change;
}

}  // namespace

const char* to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::created: return "created";
    case ChangeKind::altered: return "altered";
    case ChangeKind::unchanged: return "unchanged";
    case ChangeKind::deleted: return "deleted";
  }
  return "unchanged";
}

Result<std::vector<CollectionChange>> apply_collection_definitions(db::Connection& conn, const std::vector<json>& desired,
                                                                   const std::vector<std::string>& remove_ids,
                                                                   std::vector<std::string>* ran) {
  std::vector<CollectionChange> out;
  auto status = conn.transaction([&](db::Connection& tx) -> Status {
    auto stored = load_stored_collections(tx);
    if (!stored) return stored.error();
    std::map<std::string, const StoredCollection*> by_id;
    for (const auto& s : *stored) by_id[s.id] = &s;

    std::vector<CollectionChange> removed;
    for (const auto& id : remove_ids) {
      auto it = by_id.find(id);
      if (it == by_id.end()) continue;
      auto change = remove_one(tx, *it->second, ran);
      if (!change) return change.error();
      removed.push_back(std::move(*change));
    }

    std::vector<std::optional<CollectionChange>> applied(desired.size());
    for (int pass = 0; pass < 2; ++pass) {  // tables, then views
      for (size_t i = 0; i < desired.size(); ++i) {
        const bool view = desired[i].value("type", "") == "view";
        if (view != (pass == 1)) continue;
        auto it = by_id.find(desired[i].value("id", ""));
        auto change = apply_one(tx, desired[i], it == by_id.end() ? nullptr : it->second, ran);
        if (!change) return change.error();
        applied[i] = std::move(*change);
      }
    }
    for (auto& a : applied) out.push_back(std::move(*a));
    for (auto& r : removed) out.push_back(std::move(r));
    return Ok{};
  });
  if (!status) return status.error();
  return out;
}

}  // namespace fastcms::core::collections
