#include "core/collections/new_collection_file.h"

#include <nlohmann/json.hpp>

#include "common/files.h"
#include "core/collections/collection_checks.h"
#include "core/collections/collection_file.h"
#include "core/collections/declared_schema.h"
#include "core/collections/system_tables.h"
#include "db/open_database.h"
#include "project/schemas.h"
#include "project/structured_file.h"
#include "project/yaml_writer.h"

namespace fastcms::core::collections {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// The declared collections checked as a whole against a fresh database holding only
/// the system collections: rules must compile and relations resolve.
Status check_as_schema(const std::vector<CollectionFile>& files) {
  auto db = db::open_database("sqlite::memory:", fs::current_path());
  if (!db) return db.error();
  if (auto st = ensure_system_tables(**db); !st) return st;
  std::vector<json> definitions;
  for (const auto& f : files) definitions.push_back(f.definition);
  auto declared = resolve_declared_schema(**db, definitions);
  if (!declared) return declared.error();
  return Ok{};
}

}  // namespace

Result<std::string> add_collection_file(const fs::path& root, const std::string& name, const fs::path& source) {
  const std::string shown = source.string();
  auto raw = fastcms::files::read(source);
  if (!raw) return raw.error();
  auto parsed = project::parse_structured(*raw, source);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) return Error::failure(shown + ": expected a collection object");
  json definition = *parsed;
  const bool named = definition.contains("name");
  if (named && definition["name"] != name)
    return Error::usage(shown + ": name: the file names the collection " + definition["name"].dump() +
                        " but the command names it \"" + name + "\"; make them agree");
  definition["name"] = name;

  const bool yaml = source.extension() != ".json";
  const fs::path dir = collections_dir(root);
  for (const char* ext : {".json", ".yaml", ".yml"})
    if (fs::exists(dir / (name + ext)))
      return Error::failure("app/collections/" + name + ext + " already exists; edit that file instead");
  const fs::path target = dir / (name + (yaml ? ".yaml" : ".json"));
  const std::string label = (fs::path("app") / "collections" / target.filename()).string();

  auto violations = project::collection_schema().validate(definition);
  if (!violations.empty()) return Error::failure(project::format_violations(shown, violations));
  auto existing = load_collection_files(root);
  if (!existing) return Error::failure("the project's collection files do not validate:\n" + existing.error().message);
  existing->push_back({target, label, definition});
  if (auto problems = check_collections(*existing); !problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
    return Error::failure(message);
  }
  if (auto st = check_as_schema(*existing); !st) return Error::failure(shown + ": " + st.error().message);

  std::string content;
  if (named) {
    content = *raw;
  } else {
    nlohmann::ordered_json ordered = {{"name", name}};
    for (auto it = parsed->begin(); it != parsed->end(); ++it) ordered[it.key()] = nlohmann::ordered_json::parse(it->dump());
    content = yaml ? project::to_yaml(ordered) : ordered.dump(2) + "\n";
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::failure("cannot create " + dir.string() + ": " + ec.message());
  if (auto st = fastcms::files::write_atomic(target, content); !st) return st.error();
  return label;
}

}  // namespace fastcms::core::collections
