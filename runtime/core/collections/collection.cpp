#include "core/collections/collection.h"

#include <array>
#include <set>

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

const std::set<std::string> collection_common_field_keys = {"id", "name", "type", "required", "hidden",
                                                            "system", "presentable", "help"};

const std::array<uint32_t, 256>& crc_table() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

Field make_field(std::string name, std::string type, bool system, bool hidden, bool required, json options) {
  Field f;
  f.name = std::move(name);
  f.type = std::move(type);
  f.system = system;
  f.hidden = hidden;
  f.required = required;
  f.options = std::move(options);
  f.id = f.type + std::to_string(crc32_ieee(f.name));
  return f;
}

/// The implicit fields of a collection type, with PocketBase's options.
std::vector<Field> implicit_leading_fields(const std::string& type) {
  std::vector<Field> out;
  out.push_back(make_field("id", "text", true, false, true,
                           {{"primaryKey", true},
                            {"min", 15},
                            {"max", 15},
                            {"pattern", "^[a-z0-9]+$"},
                            {"autogeneratePattern", "[a-z0-9]{15}"}}));
  if (type == "auth") {
    out.push_back(make_field("password", "password", true, true, true, {{"min", 8}}));
    out.push_back(make_field("tokenKey", "text", true, true, true,
                             {{"min", 30}, {"max", 60}, {"autogeneratePattern", "[a-zA-Z0-9]{50}"}}));
    out.push_back(make_field("email", "email", true, false, true, json::object()));
    out.push_back(make_field("emailVisibility", "bool", true, false, false, json::object()));
    out.push_back(make_field("verified", "bool", true, false, false, json::object()));
  }
  return out;
}

std::vector<Field> implicit_trailing_fields(const std::string& type) {
  if (type == "view") return {};
  return {make_field("created", "autodate", false, false, false, {{"onCreate", true}, {"onUpdate", false}}),
          make_field("updated", "autodate", false, false, false, {{"onCreate", true}, {"onUpdate", true}})};
}

Result<Field> field_from_json(const json& def, size_t index) {
  const std::string where = "fields[" + std::to_string(index) + "]";
  if (!def.is_object()) return Error::usage(where + ": expected an object");
  if (!def.contains("name") || !def["name"].is_string() || def["name"].get<std::string>().empty())
    return Error::usage(where + ".name: expected a non-empty string");
  if (!def.contains("type") || !def["type"].is_string())
    return Error::usage(where + ".type: expected a string");
  Field f;
  f.name = def["name"].get<std::string>();
  f.type = def["type"].get<std::string>();
  auto flag = [&](const char* key) { return def.contains(key) && def[key].is_boolean() && def[key].get<bool>(); };
  f.required = flag("required");
  f.hidden = flag("hidden");
  f.system = flag("system");
  f.presentable = flag("presentable");
  if (def.contains("help") && def["help"].is_string()) f.help = def["help"].get<std::string>();
  f.id = def.contains("id") && def["id"].is_string() ? def["id"].get<std::string>()
                                                     : f.type + std::to_string(crc32_ieee(f.name));
  for (auto it = def.begin(); it != def.end(); ++it)
    if (!collection_common_field_keys.count(it.key())) f.options[it.key()] = it.value();
  return f;
}

std::optional<std::string> rule_from(const json& def, const char* key) {
  if (!def.contains(key) || !def[key].is_string()) return std::nullopt;
  return def[key].get<std::string>();
}

}  // namespace

uint32_t crc32_ieee(std::string_view text) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char ch : text) c = crc_table()[(c ^ ch) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool Field::is_multi_capable() const { return type == "select" || type == "file" || type == "relation"; }

bool Field::is_multi() const {
  if (!is_multi_capable()) return false;
  auto it = options.find("maxSelect");
  if (it == options.end() || !it->is_number()) return false;
  return it->get<double>() > 1;
}

std::string Field::relation_target() const {
  if (type != "relation") return "";
  if (auto it = options.find("collection"); it != options.end() && it->is_string()) return it->get<std::string>();
  if (auto it = options.find("collectionId"); it != options.end() && it->is_string()) return it->get<std::string>();
  return "";
}

const Field* Collection::field(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> Collection::field_names() const {
  std::vector<std::string> out;
  out.reserve(fields.size());
  for (const auto& f : fields) out.push_back(f.name);
  return out;
}

Result<Collection> collection_from_json(const json& definition) {
  if (!definition.is_object()) return Error::usage("collection definition: expected an object");
  if (!definition.contains("name") || !definition["name"].is_string() ||
      definition["name"].get<std::string>().empty())
    return Error::usage("collection definition: name: expected a non-empty string");
  Collection c;
  c.name = definition["name"].get<std::string>();
  c.type = definition.contains("type") && definition["type"].is_string() ? definition["type"].get<std::string>()
                                                                          : "base";
  if (c.type != "base" && c.type != "auth" && c.type != "view")
    return Error::usage("collection \"" + c.name + "\": type: expected base, auth or view, got \"" + c.type + "\"");
  c.id = definition.contains("id") && definition["id"].is_string() && !definition["id"].get<std::string>().empty()
             ? definition["id"].get<std::string>()
             : "pbc_" + std::to_string(crc32_ieee(c.type + c.name));
  c.definition = definition;

  std::vector<Field> declared;
  std::set<std::string> seen;
  const json fields = definition.value("fields", json::array());
  if (!fields.is_array()) return Error::usage("collection \"" + c.name + "\": fields: expected an array");
  for (size_t i = 0; i < fields.size(); ++i) {
    auto f = field_from_json(fields[i], i);
    if (!f) return Error::usage("collection \"" + c.name + "\": " + f.error().message);
    if (!seen.insert(f->name).second)
      return Error::usage("collection \"" + c.name + "\": fields[" + std::to_string(i) + "].name: field \"" +
                          f->name + "\" is declared twice");
    declared.push_back(std::move(*f));
  }

  auto take_declared = [&](const Field& implicit) {
    for (auto it = declared.begin(); it != declared.end(); ++it) {
      if (it->name != implicit.name) continue;
      Field merged = std::move(*it);
      declared.erase(it);
      if (implicit.system) merged.system = true;
      if (implicit.hidden) merged.hidden = true;
      return merged;
    }
    return implicit;
  };
  for (const auto& f : implicit_leading_fields(c.type)) c.fields.push_back(take_declared(f));
  std::vector<Field> trailing;
  for (const auto& f : implicit_trailing_fields(c.type)) {
    if (seen.count(f.name)) continue;  // declared: stays where it was declared
    trailing.push_back(f);
  }
  for (auto& f : declared) c.fields.push_back(std::move(f));
  for (auto& f : trailing) c.fields.push_back(std::move(f));

  c.list_rule = rule_from(definition, "listRule");
  c.view_rule = rule_from(definition, "viewRule");
  c.create_rule = rule_from(definition, "createRule");
  c.update_rule = rule_from(definition, "updateRule");
  c.delete_rule = rule_from(definition, "deleteRule");
  if (c.type == "auth") {
    c.auth_rule = rule_from(definition, "authRule");
    c.manage_rule = rule_from(definition, "manageRule");
  }
  return c;
}

Status Schema::add(Collection collection) {
  if (by_name_.count(collection.name))
    return Error::usage("collection \"" + collection.name + "\" is already in the schema");
  if (by_id_.count(collection.id))
    return Error::usage("collection id \"" + collection.id + "\" of \"" + collection.name + "\" is already taken");
  items_.push_back(std::make_unique<Collection>(std::move(collection)));
  const Collection* c = items_.back().get();
  by_name_[c->name] = c;
  by_id_[c->id] = c;
  return Ok{};
}

const Collection* Schema::find(std::string_view name_or_id) const {
  if (auto it = by_name_.find(name_or_id); it != by_name_.end()) return it->second;
  if (auto it = by_id_.find(name_or_id); it != by_id_.end()) return it->second;
  return nullptr;
}

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  for (const auto& c : items_) out.push_back(c->name);
  return out;
}

Result<Schema> schema_from_json(const json& definitions) {
  if (!definitions.is_array()) return Error::usage("collections: expected an array of collection definitions");
  Schema schema;
  for (const auto& d : definitions) {
    auto c = collection_from_json(d);
    if (!c) return c.error();
    if (auto s = schema.add(std::move(*c)); !s) return s.error();
  }
  return schema;
}

}  // namespace fastcms::core::collections
