#include "core/files/orphan_sweep.h"

#include <map>
#include <set>

#include "core/files/file_discard.h"
#include "core/files/stored_file_name.h"
#include "core/records/body_modifiers.h"

namespace fastcms::core::files {

namespace {

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t slash = key.find('/'); slash != std::string::npos; slash = key.find('/', start)) {
    parts.push_back(key.substr(start, slash - start));
    start = slash + 1;
  }
  parts.push_back(key.substr(start));
  return parts;
}

/// "{recordId}/{name}" of every file a collection's records hold.
Result<std::set<std::string>> referenced_files(db::Connection& db, const collections::Collection& collection) {
  std::set<std::string> out;
  std::vector<const collections::Field*> file_fields;
  for (const auto& f : collection.fields)
    if (f.type == "file") file_fields.push_back(&f);
  if (file_fields.empty()) return out;
  const auto& dialect = db.dialect();
  std::string columns = dialect.quote_identifier("id");
  for (const auto* f : file_fields) columns += ", " + dialect.quote_identifier(f->name);
  auto status = db.for_each_row("SELECT " + columns + " FROM " + dialect.quote_identifier(collection.name), {},
                                [&](const db::Row& row) -> Status {
                                  const std::string id = row["id"].to_text();
                                  for (const auto* f : file_fields)
                                    for (const auto& name : records::unique_strings(nlohmann::json(row[f->name].to_text())))
                                      out.insert(id + "/" + name);
                                  return Ok{};
                                });
  if (!status) return status.error();
  return out;
}

/// What a top-level folder of the storage holds for the sweep.
struct FolderFiles {
  bool ours = false;                 ///< the folder of a current collection with file fields
  std::set<std::string> referenced;  ///< "{recordId}/{name}" its records hold
};

Result<FolderFiles> folder_files(db::Connection& db, const collections::Schema& schema, const std::string& folder) {
  FolderFiles out;
  for (const auto& collection : schema.collections()) {
    if (collection->id != folder) continue;  // by id only: a collection *named* like an id is another one
    if (collection->type == "view") return out;  // a view stores no files of its own
    auto referenced = referenced_files(db, *collection);
    if (!referenced) return referenced.error();
    out.ours = true;
    out.referenced = std::move(*referenced);
    return out;
  }
  return out;
}

}  // namespace

Result<SweepReport> sweep_orphan_files(db::Connection& db, const collections::Schema& schema, FileStorage& storage,
                                       std::chrono::seconds grace, std::chrono::system_clock::time_point now,
                                       const std::atomic<bool>* stop) {
  auto objects = storage.list_objects("");
  if (!objects) return objects.error();
  SweepReport report;
  // Each collection folder is looked at once, when its first old object comes up.
  std::map<std::string, FolderFiles> folders;
  for (const auto& object : *objects) {
    if (stop && stop->load()) break;
    const auto parts = split_key(object.key);
    const bool record_file = parts.size() == 3;
    const std::string derived = parts.size() == 4 ? derived_from(parts[2]) : std::string();
    const std::string& name = record_file ? parts[2] : derived;
    if ((!record_file && derived.empty()) || !is_stored_file_name(name) || object.modified > now - grace) {
      ++report.kept;
      continue;
    }
    auto folder = folders.find(parts[0]);
    if (folder == folders.end()) {
      auto looked = folder_files(db, schema, parts[0]);
      if (!looked) return looked.error();
      folder = folders.emplace(parts[0], std::move(*looked)).first;
    }
    if (!folder->second.ours || folder->second.referenced.count(parts[1] + "/" + name)) {
      ++report.kept;
      continue;
    }
    if (auto removed = storage.remove(object.key); !removed)
      report.failures.push_back(removed.error().message);
    else
      report.removed.push_back(object.key);
  }
  return report;
}

}  // namespace fastcms::core::files
