#include "core/collections/declared_schema.h"

#include <map>
#include <set>

#include "common/strings.h"
#include "core/collections/collection_definition.h"
#include "core/collections/collection_rules.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

std::string where(const std::string& name) { return "collection \"" + name + "\": "; }

/// The id each declared collection takes: its explicit id, else the stored id of the
/// collection with its name, else the default.
std::vector<json> with_ids(const std::vector<json>& declared, const std::vector<StoredCollection>& stored) {
  std::map<std::string, std::string> stored_id_by_name;
  for (const auto& s : stored) stored_id_by_name[strings::to_lower(s.name)] = s.id;
  std::vector<json> out;
  for (json d : declared) {
    if (!d.contains("id") || !d["id"].is_string() || d["id"].get<std::string>().empty()) {
      const std::string name = d.value("name", "");
      auto it = stored_id_by_name.find(strings::to_lower(name));
      d["id"] = it != stored_id_by_name.end() ? it->second : default_collection_id(d.value("type", "base"), name);
    }
    out.push_back(std::move(d));
  }
  return out;
}

/// Every relation of `c` must point at a collection of `schema`.
std::vector<std::string> relation_problems(const Collection& c, const Schema& schema) {
  std::vector<std::string> out;
  for (const auto& f : c.fields) {
    if (f.type != "relation" || schema.find(f.relation_target())) continue;
    std::string guess = strings::nearest(f.relation_target(), schema.names());
    out.push_back(where(c.name) + "field \"" + f.name + "\": unknown collection \"" + f.relation_target() + "\"" +
                  (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
  }
  return out;
}

}  // namespace

Result<DeclaredSchema> resolve_declared_schema(db::Connection& conn, const std::vector<json>& definitions,
                                               UndeclaredCollections undeclared) {
  DeclaredSchema out;
  auto stored = load_stored_collections(conn);
  if (!stored) return stored.error();
  out.stored = std::move(*stored);
  const std::vector<json> declared = with_ids(definitions, out.stored);

  CollectionDirectory directory;
  for (const auto& s : out.stored) directory.add(s.id, s.name);
  for (const auto& d : declared) directory.add(d["id"].get<std::string>(), d.value("name", ""));

  std::set<std::string> declared_ids;
  std::vector<std::string> problems;
  for (const auto& d : declared) {
    auto c = canonical_definition(d, directory);
    if (!c) return Error::usage(where(d.value("name", "")) + c.error().message);
    declared_ids.insert((*c)["id"].get<std::string>());
    for (const auto& s : out.stored)
      if (s.id == (*c)["id"] && s.type != (*c)["type"])
        problems.push_back(where((*c)["name"].get<std::string>()) + "type cannot change from " + s.type + " to " +
                           (*c)["type"].get<std::string>() + "; create a new collection and move the data instead");
    out.canonical.push_back(std::move(*c));
  }

  // The schema as it will be: the declared collections plus the stored ones that stay.
  json all = json::array();
  for (const auto& c : out.canonical) all.push_back(c);
  for (const auto& s : out.stored) {
    if (declared_ids.count(s.id)) continue;
    if (!s.system) out.undeclared.push_back(s);
    if (s.system || undeclared == UndeclaredCollections::kept) all.push_back(s.definition);
  }
  auto schema = schema_from_json(all);
  if (!schema) return Error::usage(schema.error().message);
  for (const auto& c : out.canonical) {
    const Collection* collection = schema->find(c["id"].get<std::string>());
    for (auto& p : relation_problems(*collection, *schema)) problems.push_back(std::move(p));
    for (const auto& p : check_rules(*collection, *schema))
      problems.push_back(where(collection->name) + strings::join(p.path, ".") + ": " + p.message);
  }
  if (!problems.empty()) return Error::usage(strings::join(problems, "\n"));
  return out;
}

}  // namespace fastcms::core::collections
