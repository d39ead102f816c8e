#include "core/collections/collection_checks.h"

#include <map>
#include <regex>
#include <set>

#include "common/strings.h"
#include "core/collections/collection.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

const std::set<std::string> common_options = {"id", "name", "type", "system", "hidden", "presentable",
                                              "help", "readRule", "writeRule"};

const std::map<std::string, std::set<std::string>>& options_by_type() {
  static const std::map<std::string, std::set<std::string>> table = {
      {"text", {"required", "min", "max", "pattern", "autogeneratePattern", "primaryKey"}},
      {"number", {"required", "min", "max", "onlyInt"}},
      {"bool", {"required"}},
      {"email", {"required", "onlyDomains", "exceptDomains"}},
      {"url", {"required", "onlyDomains", "exceptDomains"}},
      {"editor", {"required", "maxSize", "convertURLs"}},
      {"date", {"required", "min", "max"}},
      {"autodate", {"onCreate", "onUpdate"}},
      {"select", {"required", "values", "maxSelect"}},
      {"json", {"required", "maxSize"}},
      {"relation", {"required", "collection", "collectionId", "cascadeDelete", "minSelect", "maxSelect"}},
      {"file", {"required", "maxSize", "maxSelect", "mimeTypes", "thumbs", "protected"}},
      {"password", {"required", "pattern", "min", "max", "cost"}},
      {"geoPoint", {"required"}},
  };
  return table;
}

const std::set<std::string> system_collections = {"_superusers", "_externalAuths", "_mfas", "_otps",
                                                  "_authOrigins", "_migrations", "_totp"};

std::string field_path(size_t i) { return "fields[" + std::to_string(i) + "]"; }

}  // namespace

const std::vector<std::pair<std::string, std::string>>& implicit_fields(const std::string& collection_type) {
  static const std::vector<std::pair<std::string, std::string>> base = {
      {"id", "text"}, {"created", "autodate"}, {"updated", "autodate"}};
  static const std::vector<std::pair<std::string, std::string>> auth = {
      {"id", "text"},          {"created", "autodate"}, {"updated", "autodate"}, {"email", "email"},
      {"emailVisibility", "bool"}, {"verified", "bool"},  {"password", "password"}, {"tokenKey", "text"}};
  return collection_type == "auth" ? auth : base;
}

std::vector<CollectionProblem> check_definition(const json& def, const std::set<std::string>& known_targets,
                                               const std::vector<std::string>& target_names, const std::string& label) {
  std::vector<CollectionProblem> problems;
  const std::string name = def.value("name", "");
  const std::string type = def.value("type", "base");
  auto report = [&](const std::string& path, const std::string& what) { problems.push_back({path, what}); };

  std::map<std::string, std::string> field_types;
  for (const auto& [n, t] : implicit_fields(type)) field_types[n] = t;
  std::set<std::string> declared;
  const json fields = def.value("fields", json::array());
  for (size_t i = 0; i < fields.size(); ++i) {
    const json& field = fields[i];
    const std::string fname = field["name"].get<std::string>();
    const std::string ftype = field["type"].get<std::string>();
    const std::string p = field_path(i);
    if (!declared.insert(fname).second) {
      report(p + ".name", "field \"" + fname + "\" is declared twice; field names must be unique");
      continue;
    }
    if (auto it = field_types.find(fname); it != field_types.end() && it->second != ftype)
      report(p + ".type", "\"" + fname + "\" is a system field of type " + it->second +
                              "; leave it out (it is implicit) or declare it as type " + it->second);
    field_types[fname] = ftype;

    const auto& allowed = options_by_type().at(ftype);
    for (auto it = field.begin(); it != field.end(); ++it) {
      if (common_options.count(it.key()) || allowed.count(it.key())) continue;
      std::vector<std::string> names(allowed.begin(), allowed.end());
      report(p + "." + it.key(), "is not an option of " + ftype + " fields (options: " +
                                     strings::join(names, ", ") + ")");
    }
    if (field.contains("min") && field.contains("max") && field["min"].is_number() &&
        field["max"].is_number() && (ftype == "number" || field["max"].get<double>() != 0) &&
        field["min"].get<double>() > field["max"].get<double>())
      report(p + ".min", "is greater than max (" + field["max"].dump() + ")");
    if (ftype == "select" && field.contains("maxSelect") &&
        field["maxSelect"].get<size_t>() > field["values"].size())
      report(p + ".maxSelect", "is larger than the number of values (" + std::to_string(field["values"].size()) + ")");
    if (ftype == "relation") {
      std::string target = field.contains("collection") ? field["collection"].get<std::string>()
                                                        : field.value("collectionId", "");
      const char* key = field.contains("collection") ? ".collection" : ".collectionId";
      if (!known_targets.count(target) && !system_collections.count(target)) {
        std::string guess = strings::nearest(target, target_names);
        report(p + key, "unknown collection \"" + target + "\"" +
                            (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)") +
                            "; declare it in app/collections/ or fix the name");
      }
    }
  }

  const json search = def.value("search", json::array());
  for (size_t i = 0; i < search.size(); ++i) {
    std::string sname = search[i].get<std::string>();
    auto it = field_types.find(sname);
    if (it == field_types.end())
      report("search[" + std::to_string(i) + "]", "unknown field \"" + sname + "\"; list fields declared in fields");
    else if (it->second != "text" && it->second != "editor" && it->second != "email" && it->second != "url")
      report("search[" + std::to_string(i) + "]", "field \"" + sname + "\" is " + it->second +
                                                      "; only text, editor, email and url fields can be searched");
  }

  static const std::regex on_table(R"(\bON\s+[`"\[]?([A-Za-z0-9_]+)[`"\]]?\s*\()", std::regex::icase);
  const json indexes = def.value("indexes", json::array());
  for (size_t i = 0; i < indexes.size(); ++i) {
    std::smatch m;
    std::string sql = indexes[i].get<std::string>();
    if (!std::regex_search(sql, m, on_table))
      report("indexes[" + std::to_string(i) + "]", "cannot find \"ON " + name + " (columns)\" in the statement");
    else if (m[1].str() != name)
      report("indexes[" + std::to_string(i) + "]", "is on table \"" + m[1].str() + "\"; an index in " +
                                                       (label.empty() ? "collection \"" + name + "\"" : label) +
                                                       " must be ON " + name);
  }
  return problems;
}

std::vector<std::string> check_collections(const std::vector<CollectionFile>& files) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> seen;  // name -> file label
  std::set<std::string> known;              // names and ids a relation may point to
  std::vector<std::string> names;
  for (const auto& f : files) {
    known.insert(f.name());
    known.insert("pbc_" + std::to_string(crc32_ieee(f.type() + f.name())));
    if (f.definition.contains("id")) known.insert(f.definition["id"].get<std::string>());
    names.push_back(f.name());
  }

  for (const auto& f : files) {
    const std::string name = f.name();
    auto report = [&](const std::string& path, const std::string& what) {
      problems.push_back(f.label + ": " + (path.empty() ? "" : path + ": ") + what);
    };

    std::string stem = f.path.stem().string();
    if (name != stem)
      report("name", "is \"" + name + "\" but the file is named " + f.path.filename().string() +
                         "; rename the file to " + name + f.path.extension().string() + " or change the name");
    if (auto it = seen.find(name); it != seen.end())
      report("name", "collection \"" + name + "\" is already declared in " + it->second + "; keep one file per collection");
    else
      seen[name] = f.label;
    for (const auto& p : check_definition(f.definition, known, names, f.label)) report(p.path, p.message);
  }
  return problems;
}

}  // namespace fastcms::core::collections
