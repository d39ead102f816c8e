#include "core/collections/collection_file_writer.h"

#include "common/files.h"
#include "core/collections/collection_definition.h"
#include "core/collections/collection_file.h"
#include "project/yaml_writer.h"

namespace fastcms::core::collections {
namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

/// `object` with `first` keys leading in that order, the rest after in their own order.
ordered_json ordered(const json& object, std::initializer_list<const char*> first) {
  ordered_json out = ordered_json::object();
  for (const char* key : first)
    if (object.contains(key)) out[key] = ordered_json::parse(object[key].dump());
  for (auto it = object.begin(); it != object.end(); ++it)
    if (!out.contains(it.key())) out[it.key()] = ordered_json::parse(it->dump());
  return out;
}

ordered_json file_content(const json& tidy) {
  ordered_json out = ordered(tidy, {"id", "name", "type", "system", "fields"});
  if (tidy.contains("fields")) {
    ordered_json fields = ordered_json::array();
    for (const auto& f : tidy["fields"]) fields.push_back(f.is_object() ? ordered(f, {"id", "name", "type"}) : ordered_json::parse(f.dump()));
    out["fields"] = std::move(fields);
  }
  // Rules read best after the fields and indexes, in their usual order.
  for (const char* key : {"indexes", "listRule", "viewRule", "createRule", "updateRule", "deleteRule"})
    if (tidy.contains(key)) {
      out.erase(key);
      out[key] = ordered_json::parse(tidy[key].dump());
    }
  return out;
}

std::vector<fs::path> candidate_files(const fs::path& root, std::string_view name) {
  const fs::path dir = collections_dir(root);
  return {dir / (std::string(name) + ".yaml"), dir / (std::string(name) + ".yml"), dir / (std::string(name) + ".json")};
}

}  // namespace

Status write_collection_file(const fs::path& root, const json& definition, const Schema* schema) {
  if (definition.contains("system") && definition["system"] == true) return Ok{};
  const std::string name =
      definition.contains("name") && definition["name"].is_string() ? definition["name"].get<std::string>() : "";
  if (name.empty()) return Error::usage("cannot write a collection file: the definition has no name");
  const json tidy = tidy_definition(definition, schema ? CollectionDirectory::of(*schema) : CollectionDirectory{});
  const ordered_json content = file_content(tidy);

  fs::path target = collections_dir(root) / (name + ".json");
  std::error_code ec;
  for (const auto& candidate : candidate_files(root, name))
    if (fs::exists(candidate, ec)) {
      target = candidate;
      break;
    }
  fs::create_directories(target.parent_path(), ec);
  if (ec) return Error::failure(target.parent_path().string() + ": cannot create directory: " + ec.message());
  const bool yaml = target.extension() != ".json";
  return fastcms::files::write_atomic(target, yaml ? project::to_yaml(content) : content.dump(2) + "\n");
}

Status remove_collection_file(const fs::path& root, std::string_view name) {
  for (const auto& candidate : candidate_files(root, name)) {
    std::error_code ec;
    fs::remove(candidate, ec);
    if (ec) return Error::failure(candidate.string() + ": cannot remove: " + ec.message());
  }
  return Ok{};
}

}  // namespace fastcms::core::collections
