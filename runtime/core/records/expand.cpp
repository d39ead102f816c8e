#include "core/records/expand.h"

#include <optional>
#include <unordered_map>

#include "core/collections/unique_index.h"
#include "core/records/record_json.h"
#include "core/records/record_presenter.h"
#include "core/records/record_select.h"
#include "core/records/rule_check.h"

namespace fastcms::core::records {

namespace {

using nlohmann::json;

/// Back-related records kept per record (PocketBase's arbitrary cap).
constexpr size_t max_back_relations = 1000;

/// How one expand segment reaches the related records from its source collection.
struct Relation {
  const collections::Collection* target = nullptr;
  /// direct: the relation field of the source; back: the relation field of the target.
  const collections::Field* field = nullptr;
  bool back = false;
  /// The expanded value is one record (object) rather than a list.
  bool single = true;
};

bool is_word(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// PocketBase's `^(\w+)_via_(\w+)$` (greedy: the last `_via_` that leaves a field name).
std::optional<std::pair<std::string, std::string>> split_back_relation(const std::string& name) {
  if (!is_word(name)) return std::nullopt;
  for (size_t pos = name.rfind("_via_"); pos != std::string::npos && pos > 0; pos = name.rfind("_via_", pos - 1)) {
    if (pos + 5 < name.size()) return std::pair{name.substr(0, pos), name.substr(pos + 5)};
  }
  return std::nullopt;
}

std::optional<Relation> resolve_relation(const collections::Schema& schema, const collections::Collection& source,
                                         const std::string& name) {
  Relation rel;
  if (auto back = split_back_relation(name)) {
    rel.back = true;
    rel.target = schema.find(back->first);
    if (!rel.target) return std::nullopt;
    rel.field = rel.target->field(back->second);
    if (!rel.field || rel.field->type != "relation" || schema.find(rel.field->relation_target()) != &source)
      return std::nullopt;
    rel.single = collections::has_single_column_unique_index(*rel.target, rel.field->name);
    return rel;
  }
  rel.field = source.field(name);
  if (!rel.field || rel.field->type != "relation") return std::nullopt;
  rel.target = schema.find(rel.field->relation_target());
  if (!rel.target) return std::nullopt;
  rel.single = !rel.field->is_multi();
  return rel;
}

/// The ids a (presented) record's relation field holds, in order; none when the field is
/// absent (e.g. hidden from the requester).
std::vector<std::string> relation_ids(const json& record, const std::string& field) {
  std::vector<std::string> out;
  auto it = record.find(field);
  if (it == record.end()) return out;
  if (it->is_string() && !it->get<std::string>().empty()) out.push_back(it->get<std::string>());
  if (it->is_array())
    for (const auto& v : *it)
      if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
  return out;
}

/// Related records with, for each, the key (a source record id, or its own id for direct
/// relations) that matched.
struct Related {
  std::vector<json> records;
  std::vector<std::string> keys;
};

class Expander {
 public:
  Expander(db::Connection& db, const collections::Schema& schema, const RequestContext& ctx)
      : db_(db), schema_(schema), ctx_(ctx) {}

  /// Expands each path on `records` (all of `collection`); per path whether it succeeded.
  Result<std::vector<bool>> expand(const collections::Collection& collection, const std::vector<json*>& records,
                                   const std::vector<ExpandPath>& paths, size_t level) {
    std::vector<bool> out;
    out.reserve(paths.size());
    for (const auto& path : paths) {
      auto done = expand_one(collection, records, path, level);
      if (!done.ok()) return done.error();
      out.push_back(*done);
    }
    return out;
  }

 private:
  Result<bool> expand_one(const collections::Collection& collection, const std::vector<json*>& records,
                          const ExpandPath& path, size_t level) {
    if (records.empty() || level > max_expand_depth) return true;
    auto rel = resolve_relation(schema_, collection, path.name);
    if (!rel) return false;
    if (!ctx_.bypasses_rules() && !rel->target->view_rule) return false;
    auto rule = rule_condition(rel->target->view_rule, *rel->target, schema_, ctx_, 2);
    if (!rule.ok()) return false;

    std::vector<std::string> keys;
    {
      std::unordered_map<std::string, bool> seen;
      for (const json* record : records) {
        auto ids = rel->back ? std::vector<std::string>{record->value("id", std::string())}
                             : relation_ids(*record, rel->field->name);
        for (auto& id : ids)
          if (!id.empty() && seen.emplace(id, true).second) keys.push_back(std::move(id));
      }
    }
    Related related;
    if (!keys.empty()) {
      auto fetched = fetch(*rel, *rule, keys);
      if (!fetched.ok()) return fetched.error();
      related = std::move(*fetched);
    }
    auto presented = present_records(db_, schema_, *rel->target, ctx_, std::move(related.records));
    if (!presented.ok()) return presented.error();
    std::vector<json>& rels = *presented;

    if (!path.children.empty()) {
      std::vector<json*> nested;
      nested.reserve(rels.size());
      for (auto& r : rels) nested.push_back(&r);
      auto results = expand(*rel->target, nested, path.children, level + 1);
      if (!results.ok()) return results.error();
      bool any = false;
      for (bool ok : *results) any = any || ok;
      if (!any) return false;
    }

    assign(*rel, path.name, records, rels, related.keys);
    return true;
  }

  /// One query: the target's records matching `keys`, visible under `rule` (placeholders
  /// from ?2; ?1 is the key list).
  Result<Related> fetch(const Relation& rel, const filter::CompiledFilter& rule, const std::vector<std::string>& keys) {
    const auto& d = db_.dialect();
    const auto& target = *rel.target;
    std::string key_sql, join;
    if (!rel.back) {
      key_sql = root_column_sql("id", d);
    } else if (!rel.field->is_multi()) {
      key_sql = root_column_sql(rel.field->name, d);
    } else {
      const std::string alias = d.quote_identifier("expand_key");
      join = ", " + d.json_each(root_column_sql(rel.field->name, d)) + " AS " + alias;
      key_sql = alias + ".value";
    }
    std::string sql = "SELECT " + record_columns_sql(target, d) + ", " + key_sql + " FROM " +
                      record_source_sql(target, d) + join + " WHERE " + in_json_array_sql(key_sql, 1, d);
    if (rule.where_sql != "1=1") sql += " AND (" + rule.where_sql + ")";
    if (rel.back) {
      const std::string order = insertion_order_sql(target);
      if (!order.empty()) sql += " ORDER BY " + order;
    }
    db::Params params{json_array_param(keys)};
    params.insert(params.end(), rule.params.begin(), rule.params.end());
    auto rows = db_.query(sql, params);
    if (!rows.ok()) return rows.error();
    Related out;
    out.records.reserve(rows->size());
    out.keys.reserve(rows->size());
    for (const auto& row : *rows) {
      out.records.push_back(record_from_row(target, row));
      out.keys.push_back(row[row.size() - 1].to_text());
    }
    return out;
  }

  /// Puts the related records under each record's "expand"[name].
  static void assign(const Relation& rel, const std::string& name, const std::vector<json*>& records,
                     const std::vector<json>& rels, const std::vector<std::string>& keys) {
    std::unordered_map<std::string, std::vector<size_t>> by_key;
    for (size_t i = 0; i < rels.size(); ++i) {
      auto& list = by_key[keys[i]];
      if (list.size() < max_back_relations) list.push_back(i);
    }
    for (json* record : records) {
      auto& expand = (*record)["expand"];
      if (!expand.is_object()) expand = json::object();
      std::vector<size_t> matches;
      if (rel.back) {
        if (auto it = by_key.find(record->value("id", std::string())); it != by_key.end()) matches = it->second;
      } else {
        for (const auto& id : relation_ids(*record, rel.field->name))
          if (auto it = by_key.find(id); it != by_key.end()) matches.push_back(it->second.front());
      }
      if (matches.empty()) continue;
      if (rel.single) {
        expand[name] = rels[matches.front()];
      } else {
        json list = json::array();
        for (size_t i : matches) list.push_back(rels[i]);
        expand[name] = std::move(list);
      }
    }
  }

  db::Connection& db_;
  const collections::Schema& schema_;
  const RequestContext& ctx_;
};

void insert_path(std::vector<ExpandPath>& level, const std::vector<std::string>& segments, size_t i) {
  if (i >= segments.size() || i >= max_expand_depth) return;
  ExpandPath* node = nullptr;
  for (auto& existing : level)
    if (existing.name == segments[i]) node = &existing;
  if (!node) {
    level.push_back(ExpandPath{segments[i], {}});
    node = &level.back();
  }
  insert_path(node->children, segments, i + 1);
}

}  // namespace

std::vector<ExpandPath> parse_expand(std::string_view expand) {
  std::vector<ExpandPath> roots;
  size_t start = 0;
  while (start <= expand.size()) {
    size_t end = expand.find(',', start);
    if (end == std::string_view::npos) end = expand.size();
    std::string item;
    for (char c : expand.substr(start, end - start))
      if (c != ' ') item += c;
    const size_t first = item.find_first_not_of('.');
    if (first != std::string::npos) {
      item = item.substr(first, item.find_last_not_of('.') - first + 1);
      std::vector<std::string> segments;
      size_t s = 0;
      for (size_t dot = item.find('.'); dot != std::string::npos; s = dot + 1, dot = item.find('.', s))
        segments.push_back(item.substr(s, dot - s));
      segments.push_back(item.substr(s));
      insert_path(roots, segments, 0);
    }
    start = end + 1;
  }
  return roots;
}

ApiStatus expand_records(db::Connection& db, const collections::Schema& schema,
                         const collections::Collection& collection, const RequestContext& ctx, json& records,
                         std::string_view expand) {
  const auto paths = parse_expand(expand);
  if (paths.empty()) return Ok{};
  std::vector<json*> targets;
  if (records.is_array()) {
    for (auto& record : records)
      if (record.is_object()) targets.push_back(&record);
  } else if (records.is_object()) {
    targets.push_back(&records);
  }
  RequestContext expand_ctx = ctx;
  expand_ctx.info.context = "expand";
  Expander expander(db, schema, expand_ctx);
  auto done = expander.expand(collection, targets, paths, 1);
  if (!done.ok()) return ApiError::internal();
  return Ok{};
}

}  // namespace fastcms::core::records
