#include "common/strings.h"
#include "core/collections/collection_validation.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "core/auth/oauth2/oauth2_options.h"
#include "core/collections/collection_checks.h"
#include "core/collections/collection_defaults.h"
#include "core/collections/collection_definition.h"
#include "core/collections/collection_rules.h"
#include "core/collections/index_sql.h"
#include "core/collections/table_introspection.h"
#include "project/schemas.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

using Path = std::vector<std::string>;

std::string text(const json& object, const char* key, const std::string& fallback = "") {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool flag(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

bool is_word(const std::string& s) {
  static const std::regex word(R"(^\w+$)");
  return std::regex_match(s, word);
}

/// PocketBase's validation errors, keyed like the JSON; the first error on a key wins.
class Errors {
 public:
  void add(const Path& path, const std::string& code, const std::string& message, json params = nullptr) {
    json* node = &data_;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      json& next = (*node)[path[i]];
      if (next.is_object() && next.contains("code") && next["code"].is_string()) return;  // whole key failed
      if (!next.is_object()) next = json::object();
      node = &next;
    }
    if (node->contains(path.back())) return;
    json item = {{"code", code}, {"message", sentenize(message)}};
    if (!params.is_null()) item["params"] = std::move(params);
    (*node)[path.back()] = std::move(item);
  }
  bool has(const std::string& key) const { return data_.contains(key); }
  const json& data() const { return data_; }

 private:
  json data_ = json::object();
};

/// "fields[2].min" -> {"fields", "2", "min"}.
Path split_path(const std::string& path) {
  Path out;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) out.push_back(current);
    current.clear();
  };
  for (char ch : path) {
    if (ch == '.' || ch == '[' || ch == ']') flush();
    else current += ch;
  }
  flush();
  return out;
}

bool is_malformed(const json& draft) {
  if (!draft.is_object()) return true;
  auto fields = draft.find("fields");
  if (fields == draft.end() || fields->is_null()) return false;
  if (!fields->is_array()) return true;
  for (const auto& f : *fields)
    if (!f.is_object() || !f.contains("type") || !f["type"].is_string() || !is_field_type(f["type"].get<std::string>()))
      return true;
  return false;
}

std::string resolve_id(const json& draft, const std::string& type, const std::string& name,
                       const StoredCollection* original, const std::vector<StoredCollection>& stored) {
  if (original) return original->id;
  std::string id = text(draft, "id");
  if (!id.empty()) return id;
  const std::string base = default_collection_id(type, name);
  id = base;
  for (int i = 2; i < 1000; ++i) {
    if (std::none_of(stored.begin(), stored.end(), [&](const StoredCollection& s) { return s.id == id; })) break;
    id = base + std::to_string(i);
  }
  return id;
}

void check_id(Errors& errs, const json& draft, const StoredCollection* original,
              const std::vector<StoredCollection>& stored) {
  const std::string id = text(draft, "id");
  if (original) {
    if (!id.empty() && id != original->id) errs.add({"id"}, "validation_values_mismatch", "Values don't match.");
    return;
  }
  if (id.empty()) return;
  if (id.size() > 100) errs.add({"id"}, "validation_length_out_of_range", "the length must be between 1 and 100");
  else if (!is_word(id)) errs.add({"id"}, "validation_match_invalid", "must be in a valid format");
  else if (std::any_of(stored.begin(), stored.end(), [&](const StoredCollection& s) { return s.id == id; }))
    errs.add({"id"}, "validation_invalid_or_existing_id", "The model id is invalid or already exists.");
}

void check_type_and_system(Errors& errs, const json& draft, const StoredCollection* original) {
  auto type = draft.find("type");
  if (type != draft.end() && !type->is_string()) {
    errs.add({"type"}, "validation_in_invalid", "must be a valid value");
  } else {
    const std::string t = text(draft, "type", "base");
    if (t.empty()) errs.add({"type"}, "validation_required", "cannot be blank");
    else if (t != "base" && t != "auth" && t != "view") errs.add({"type"}, "validation_in_invalid", "must be a valid value");
    else if (original && t != original->type)
      errs.add({"type"}, "validation_collection_type_change", "Collection type cannot be changed.");
  }
  if (original && flag(draft, "system") != original->system)
    errs.add({"system"}, "validation_collection_system_flag_change", "System collection state cannot be changed.");
}

void check_name(Errors& errs, db::Connection& conn, const std::string& name, const StoredCollection* original,
                const std::vector<StoredCollection>& stored) {
  auto others = [&](auto pred) {
    return std::any_of(stored.begin(), stored.end(),
                       [&](const StoredCollection& s) { return (!original || s.id != original->id) && pred(s); });
  };
  if (name.empty()) return errs.add({"name"}, "validation_required", "cannot be blank");
  if (name.size() > 255) return errs.add({"name"}, "validation_length_out_of_range", "the length must be between 1 and 255");
  if (strings::to_lower(name).find("_via_") != std::string::npos)
    return errs.add({"name"}, "validation_found_via", "The value cannot contain \"_via_\".");
  if (!is_word(name)) return errs.add({"name"}, "validation_match_invalid", "must be in a valid format");
  if (original && original->system && name != original->name)
    return errs.add({"name"}, "validation_collection_system_name_change", "System collection name cannot be changed.");
  if (others([&](const StoredCollection& s) { return strings::to_lower(s.name) == strings::to_lower(name); }))
    return errs.add({"name"}, "validation_collection_name_exists", "Collection name must be unique (case insensitive).");
  if (others([&](const StoredCollection& s) { return s.id == name; }))
    return errs.add({"name"}, "validation_collection_name_id_duplicate", "The name must not match an existing collection id.");
  if (!original || strings::to_lower(original->name) != strings::to_lower(name)) {
    auto table = inspect_table(conn, name);
    if (table && table->exists())
      errs.add({"name"}, "validation_collection_name_invalid", "The name shouldn't match with an existing internal table.");
  }
}

/// PocketBase runs the fields checks in order and reports the first that fails.
void check_fields(Errors& errs, const json& draft, const std::string& type, const json* original_definition) {
  const json fields = draft.value("fields", json::array());
  std::set<std::string> ids, names;
  for (size_t i = 0; i < fields.size(); ++i) {
    const json& f = fields[i];
    const std::string name = text(f, "name");
    const std::string id = text(f, "id", default_field_id(text(f, "type"), name));
    const std::string index = std::to_string(i);
    if (!ids.insert(id).second)
      return errs.add({"fields", index, "id"}, "validation_duplicated_field_id",
                      "Duplicated or invalid field id \"" + id + "\"");
    if (!names.insert(strings::to_lower(name)).second)
      return errs.add({"fields", index, "name"}, "validation_duplicated_field_name",
                      "Duplicated or invalid field name " + name, {{"fieldName", name}});
  }
  if (original_definition && type != "view") {
    std::map<std::string, std::string> new_names;  // id -> name, implicit fields included
    auto built = collection_from_json(draft);
    if (built)
      for (const auto& f : built->fields) new_names[f.id] = f.name;
    for (const auto& old : original_definition->value("fields", json::array())) {
      if (!flag(old, "system")) continue;
      auto it = new_names.find(text(old, "id"));
      if (it == new_names.end() || it->second != text(old, "name"))
        return errs.add({"fields"}, "validation_system_field_change", "System fields cannot be deleted or renamed.");
    }
    std::map<std::string, std::string> old_types;
    for (const auto& old : original_definition->value("fields", json::array()))
      old_types[text(old, "id")] = text(old, "type");
    bool changed = false;
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string id = text(fields[i], "id", default_field_id(text(fields[i], "type"), text(fields[i], "name")));
      auto it = old_types.find(id);
      if (it != old_types.end() && it->second != text(fields[i], "type")) {
        errs.add({"fields", std::to_string(i)}, "validation_field_type_change", "Field type cannot be changed.");
        changed = true;
      }
    }
    if (changed) return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name = text(fields[i], "name");
    if (type == "auth" && (name == "passwordConfirm" || name == "oldPassword")) {
      errs.add({"fields", std::to_string(i), "name"}, "validation_reserved_field_name",
               "The field name is reserved and cannot be used.");
    } else if (name == "expand" || name == "collectionId" || name == "collectionName") {
      errs.add({"fields", std::to_string(i), "name"}, "validation_not_in_invalid", "must not be in list");
    }
  }
}

/// The JSON Schema of collection files and the checks of collection_checks.h, whose
/// problems PocketBase would report from each field's own settings validation.
void check_shape(Errors& errs, const json& draft, const std::vector<StoredCollection>& stored) {
  json doc = draft;
  doc.erase("id");
  doc.erase("created");
  doc.erase("updated");
  doc["name"] = "collection";  // the name has its own PocketBase rules (checked above)
  bool shape_ok = true;
  for (const auto& v : project::collection_schema().validate(doc)) {
    Path path = split_path(v.path);
    if (path.empty() || path.front() == "name") continue;
    if (path.front() == "fields" || path.front() == "indexes" || path.front() == "search") shape_ok = false;
    if (v.expected == "is required") errs.add(path, "validation_required", "cannot be blank");
    else errs.add(path, "validation_invalid_value", v.expected);
  }
  if (!shape_ok || !draft.contains("name") || !draft["name"].is_string()) return;
  std::set<std::string> known = {text(draft, "name"), text(draft, "id")};
  std::vector<std::string> names = {text(draft, "name")};
  for (const auto& s : stored) {
    known.insert(s.id);
    known.insert(s.name);
    names.push_back(s.name);
  }
  for (const auto& p : check_definition(draft, known, names))
    errs.add(split_path(p.path), "validation_invalid_value", p.message);
}

void check_indexes(Errors& errs, const json& draft, const std::string& type, const std::string& id,
                   const std::vector<StoredCollection>& stored) {
  const json indexes = draft.value("indexes", json::array());
  if (!indexes.is_array() || indexes.empty()) return;
  if (type == "view")
    return errs.add({"indexes"}, "validation_indexes_not_supported", "View collections don't support indexes.");
  std::map<std::string, std::string> used_by;  // strings::to_lower(index name) -> collection name
  for (const auto& s : stored) {
    if (s.id == id) continue;
    auto other = collection_from_json(s.definition);
    if (!other) continue;
    for (const auto& sql : s.definition.value("indexes", json::array()))
      if (auto p = sql.is_string() ? parse_index(sql.get<std::string>()) : std::nullopt) used_by[strings::to_lower(p->name)] = s.name;
    if (other->is_auth())
      for (const char* field : {"email", "tokenKey"}) used_by[strings::to_lower(std::string("idx_") + field + "_" + s.id)] = s.name;
  }
  std::set<std::string> names, definitions;
  for (size_t i = 0; i < indexes.size(); ++i) {
    const std::string index = std::to_string(i);
    auto parsed = indexes[i].is_string() ? parse_index(indexes[i].get<std::string>()) : std::nullopt;
    if (!parsed)
      return errs.add({"indexes", index}, "validation_invalid_index_expression", "Invalid CREATE INDEX expression.");
    if (!names.insert(strings::to_lower(parsed->name)).second)
      return errs.add({"indexes", index}, "validation_duplicated_index_name", "The index name already exists.");
    if (auto it = used_by.find(strings::to_lower(parsed->name)); it != used_by.end())
      return errs.add({"indexes", index}, "validation_existing_index_name",
                      "The index name is already used in " + it->second + " collection.",
                      {{"usedTableName", it->second}});
    const std::string shape = normalize_ddl(std::string(parsed->unique ? "unique " : "") + parsed->columns + " where " +
                                            parsed->where);
    if (!definitions.insert(shape).second)
      return errs.add({"indexes", index}, "validation_duplicated_index_definition", "The index definition already exists.");
  }
}

void check_rule_shapes(Errors& errs, const json& draft, const std::string& type, const StoredCollection* original) {
  if (type == "view")
    for (const char* rule : {"createRule", "updateRule", "deleteRule"})
      if (draft.contains(rule) && !draft[rule].is_null()) errs.add({rule}, "validation_nil", "must be blank");
  if (type == "auth" && draft.contains("manageRule") && draft["manageRule"] == "")
    errs.add({"manageRule"}, "validation_nil_or_not_empty_required", "cannot be blank");
  if (original && original->system)
    for (const char* rule : {"listRule", "viewRule", "createRule", "updateRule", "deleteRule", "authRule", "manageRule"}) {
      const json before = original->definition.contains(rule) ? original->definition[rule] : json();
      const json after = draft.contains(rule) ? draft[rule] : json();
      if (before != after)
        errs.add({rule}, "validation_collection_system_rule_change", "System collection API rule cannot be changed.");
    }
}

void check_auth_options(Errors& errs, const Collection& c, const json& canonical) {
  for (const auto& p : auth::oauth2::oauth2_option_problems(canonical["oauth2"]))
    errs.add(p.path, p.code, p.message, p.params);
  const json& password = canonical["passwordAuth"];
  if (flag(password, "enabled") && password.contains("identityFields") && password["identityFields"].is_array()) {
    for (const auto& name_json : password["identityFields"]) {
      const std::string name = name_json.is_string() ? name_json.get<std::string>() : "";
      if (!c.field(name))
        return errs.add({"passwordAuth", "identityFields"}, "validation_missing_field",
                        "Invalid or missing field " + name, {{"fieldName", name}});
      if (name == "email" || name == "tokenKey") continue;  // implicit unique indexes
      bool unique = false;
      for (const auto& sql : canonical["indexes"]) {
        auto p = sql.is_string() ? parse_index(sql.get<std::string>()) : std::nullopt;
        if (p && p->unique && p->where.empty() && normalize_ddl(p->columns) == strings::to_lower(name)) unique = true;
      }
      if (!unique)
        return errs.add({"passwordAuth", "identityFields"}, "validation_missing_unique_constraint",
                        "The field " + name + " doesn't have a UNIQUE constraint.", {{"fieldName", name}});
    }
  }
  if (flag(canonical["mfa"], "enabled")) {
    const int methods = flag(password, "enabled") + flag(canonical["oauth2"], "enabled") + flag(canonical["otp"], "enabled");
    if (methods < 2)
      errs.add({"mfa", "enabled"}, "validation_mfa_not_enough_auths", "MFA requires at least 2 auth methods to be enabled.");
  }
}

void check_view_query(Errors& errs, db::Connection& conn, const json& draft) {
  const std::string query = text(draft, "viewQuery");
  if (query.empty()) return;
  auto r = conn.query("SELECT * FROM (" + query + ") LIMIT 0");
  if (!r) errs.add({"viewQuery"}, "validation_invalid_view_query", "Invalid query - " + r.error().message);
}

}  // namespace

std::string sentenize(std::string message) {
  if (message.empty()) return message;
  message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
  const char last = message.back();
  if (last != '.' && last != '!' && last != '?') message += '.';
  return message;
}

CollectionValidation validate_collection(db::Connection& conn, const json& draft, const StoredCollection* original,
                                         const std::vector<StoredCollection>& stored) {
  CollectionValidation out;
  if (is_malformed(draft)) {
    out.malformed = true;
    return out;
  }
  Errors errs;
  const std::string type = text(draft, "type", "base");
  const std::string name = text(draft, "name");
  check_id(errs, draft, original, stored);
  check_type_and_system(errs, draft, original);
  check_name(errs, conn, name, original, stored);
  check_fields(errs, draft, type, original ? &original->definition : nullptr);
  const std::string id = resolve_id(draft, type, name, original, stored);
  check_indexes(errs, draft, type, id, stored);
  check_shape(errs, draft, stored);
  check_rule_shapes(errs, draft, type, original);
  if (type == "view") check_view_query(errs, conn, draft);

  // What remains needs the collection as it will be stored.
  json with_id = draft;
  with_id["id"] = id;
  CollectionDirectory directory;
  for (const auto& s : stored)
    if (!original || s.id != original->id) directory.add(s.id, s.name);
  directory.add(id, name);
  auto canonical = errs.data().empty() ? canonical_definition(with_id, directory) : Result<json>(Error::usage(""));
  if (canonical) {
    json all = json::array({*canonical});
    for (const auto& s : stored)
      if (s.id != id) all.push_back(s.definition);
    auto schema = schema_from_json(all);
    if (schema) {
      const Collection* c = schema->find(id);
      if (c->is_auth()) check_auth_options(errs, *c, *canonical);
      for (auto p : check_rules(*c, *schema)) {
        // A field rule is reported at the field's position in the submitted list.
        if (p.path.size() == 3 && p.path[0] == "fields") {
          const std::string field_name = c->fields[std::stoul(p.path[1])].name;
          const json submitted = draft.value("fields", json::array());
          for (size_t i = 0; i < submitted.size(); ++i)
            if (text(submitted[i], "name") == field_name) p.path[1] = std::to_string(i);
        }
        errs.add(p.path, "validation_invalid_rule", "Invalid rule. Raw error: " + p.message);
      }
    } else {
      errs.add({"name"}, "validation_invalid_value", schema.error().message);
    }
  }
  out.errors = errs.data();
  if (out.ok()) out.definition = std::move(*canonical);
  return out;
}

}  // namespace fastcms::core::collections
