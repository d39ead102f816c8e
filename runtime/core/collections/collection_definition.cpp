#include "common/strings.h"
#include "core/collections/collection_definition.h"

#include <algorithm>
#include <cctype>

#include "core/collections/collection_defaults.h"
#include "core/collections/index_sql.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

bool flag(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::string text(const json& object, const char* key, const std::string& fallback = "") {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

const char* const crud_rules[] = {"listRule", "viewRule", "createRule", "updateRule", "deleteRule"};

bool is_implicit_auth_index(const std::string& sql, const std::string& collection_id) {
  auto parsed = parse_index(sql);
  return parsed && (parsed->name == "idx_email_" + collection_id || parsed->name == "idx_tokenKey_" + collection_id);
}

/// `value` without the members equal to `defaults` (recursively for objects).
json minus_defaults(const json& value, const json& defaults) {
  if (!value.is_object() || !defaults.is_object()) return value;
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    auto d = defaults.find(it.key());
    if (d == defaults.end()) {
      out[it.key()] = *it;
    } else if (*d != *it) {
      json reduced = minus_defaults(*it, *d);
      if (!(reduced.is_object() && reduced.empty() && it->is_object())) out[it.key()] = std::move(reduced);
    }
  }
  return out;
}

/// The implicit fields of a collection of `type`, canonical, by name.
std::map<std::string, json> implicit_canonical_fields(const std::string& type) {
  std::map<std::string, json> out;
  auto bare = collection_from_json(json{{"name", "x"}, {"type", type}});
  if (!bare) return out;
  for (const auto& f : bare->fields) out[f.name] = canonical_field(f, CollectionDirectory{});
  return out;
}

}  // namespace

void CollectionDirectory::add(const std::string& id, const std::string& name) {
  id_by_lower_name_[strings::to_lower(name)] = id;
  name_by_id_[id] = name;
}

std::string CollectionDirectory::resolve(std::string_view name_or_id) const {
  if (name_by_id_.count(name_or_id)) return std::string(name_or_id);
  auto it = id_by_lower_name_.find(strings::to_lower(name_or_id));
  return it == id_by_lower_name_.end() ? "" : it->second;
}

std::string CollectionDirectory::name_of(std::string_view id) const {
  auto it = name_by_id_.find(id);
  return it == name_by_id_.end() ? "" : it->second;
}

CollectionDirectory CollectionDirectory::of(const Schema& schema) {
  CollectionDirectory d;
  for (const auto& c : schema.collections()) d.add(c->id, c->name);
  return d;
}

std::string default_collection_id(const std::string& type, const std::string& name) {
  return "pbc_" + std::to_string(crc32_ieee(type + name));
}

std::string default_field_id(const std::string& type, const std::string& name) {
  return type + std::to_string(crc32_ieee(name));
}

json canonical_field(const Field& f, const CollectionDirectory& directory) {
  json out = field_option_defaults(f.type);
  out["id"] = f.id;
  out["name"] = f.name;
  out["type"] = f.type;
  out["system"] = f.system;
  out["hidden"] = f.hidden;
  out["presentable"] = f.presentable;
  if (out.contains("help")) out["help"] = f.help;
  if (out.contains("required") || f.required) out["required"] = f.required;
  for (auto it = f.options.begin(); it != f.options.end(); ++it) out[it.key()] = *it;
  if (f.type == "relation") {
    const std::string target = f.relation_target();
    const std::string id = directory.resolve(target);
    out["collectionId"] = id.empty() ? target : id;
    out.erase("collection");
  }
  return out;
}

json without_default_options(const json& field) {
  if (!field.is_object()) return field;
  const json& defaults = field_option_defaults(text(field, "type"));
  json out = json::object();
  for (auto it = field.begin(); it != field.end(); ++it) {
    if (it->is_null()) continue;
    if (it.key() == "id" || it.key() == "name" || it.key() == "type") {
      out[it.key()] = *it;
      continue;
    }
    auto d = defaults.find(it.key());
    if (d != defaults.end() && *d == *it) continue;
    out[it.key()] = *it;
  }
  return out;
}

Result<json> canonical_definition(const json& definition, const CollectionDirectory& directory) {
  auto parsed = collection_from_json(definition);
  if (!parsed) return parsed.error();
  const Collection& c = *parsed;
  json out = json::object();
  out["id"] = c.id;
  out["name"] = c.name;
  out["type"] = c.type;
  out["system"] = flag(definition, "system");
  json fields = json::array();
  for (const auto& f : c.fields) fields.push_back(canonical_field(f, directory));
  out["fields"] = std::move(fields);
  json indexes = json::array();
  if (auto it = definition.find("indexes"); it != definition.end() && it->is_array())
    for (const auto& index : *it)
      if (!index.is_string() || !c.is_auth() || !is_implicit_auth_index(index.get<std::string>(), c.id))
        indexes.push_back(index);
  out["indexes"] = std::move(indexes);
  for (const char* rule : crud_rules) out[rule] = definition.contains(rule) ? definition[rule] : json(nullptr);
  if (auto it = definition.find("search"); it != definition.end()) out["search"] = *it;
  if (c.type == "view") out["viewQuery"] = text(definition, "viewQuery");
  if (c.is_auth()) {
    const json& defaults = auth_option_defaults();
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
      json value = *it;
      if (auto given = definition.find(it.key()); given != definition.end()) merge_into(value, *given);
      out[it.key()] = std::move(value);
    }
  }
  return out;
}

json tidy_definition(const json& definition, const CollectionDirectory& directory) {
  json out = json::object();
  const std::string type = text(definition, "type", "base");
  const std::string name = text(definition, "name");
  if (definition.contains("id") && definition["id"] != default_collection_id(type, name)) out["id"] = definition["id"];
  out["name"] = name;
  out["type"] = type;
  if (flag(definition, "system")) out["system"] = true;

  auto tidy_field = [&](const json& field) {
    if (!field.is_object()) return field;
    json tidy = without_default_options(field);
    if (text(tidy, "id") == default_field_id(text(tidy, "type"), text(tidy, "name"))) tidy.erase("id");
    if (text(tidy, "type") == "relation" && tidy.contains("collectionId") && tidy["collectionId"].is_string()) {
      const std::string target_name = directory.name_of(tidy["collectionId"].get<std::string>());
      if (!target_name.empty()) {
        tidy.erase("collectionId");
        tidy["collection"] = target_name;
      }
    }
    return tidy;
  };
  const auto implicit = implicit_canonical_fields(type);
  const json declared = definition.value("fields", json::array());
  json fields = json::array();
  for (const auto& field : declared) {
    if (field.is_object()) {
      if (auto imp = implicit.find(text(field, "name")); imp != implicit.end()) {
        json candidate = imp->second;
        merge_into(candidate, field);
        if (candidate == imp->second) continue;
      }
    }
    fields.push_back(tidy_field(field));
  }
  out["fields"] = fields;
  // Implicit trailing fields that were left out come back at the end; if that would move
  // them (they were declared earlier), keep every field where it was.
  auto field_names = [&](const json& d) {
    std::vector<std::string> n;
    auto c = canonical_definition(d, directory);
    if (c)
      for (const auto& f : (*c)["fields"]) n.push_back(text(f, "name"));
    return n;
  };
  if (field_names(definition) != field_names(out)) {
    json kept = json::array();
    for (const auto& field : declared) kept.push_back(tidy_field(field));
    out["fields"] = std::move(kept);
  }

  if (auto it = definition.find("indexes"); it != definition.end() && it->is_array() && !it->empty()) {
    json indexes = json::array();
    const std::string id = text(definition, "id", default_collection_id(type, name));
    for (const auto& index : *it)
      if (!index.is_string() || type != "auth" || !is_implicit_auth_index(index.get<std::string>(), id))
        indexes.push_back(index);
    if (!indexes.empty()) out["indexes"] = std::move(indexes);
  }
  for (const char* rule : crud_rules) out[rule] = definition.contains(rule) ? definition[rule] : json(nullptr);
  if (auto it = definition.find("search"); it != definition.end()) out["search"] = *it;
  if (type == "view" && definition.contains("viewQuery")) out["viewQuery"] = definition["viewQuery"];
  if (type == "auth") {
    const json& defaults = auth_option_defaults();
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
      auto given = definition.find(it.key());
      if (given == definition.end()) continue;
      if (it.key() == "authRule" || it.key() == "manageRule") {
        out[it.key()] = *given;
        continue;
      }
      json reduced = minus_defaults(*given, *it);
      if (reduced.is_object() && reduced.empty()) continue;
      if (!reduced.is_object() && reduced == *it) continue;
      out[it.key()] = std::move(reduced);
    }
  }
  return out;
}

}  // namespace fastcms::core::collections
