#include "core/transfer/schema_import.h"

#include <filesystem>
#include <map>

#include "common/files.h"
#include "core/app/open_app.h"
#include "core/collections/collection_file.h"
#include "core/collections/collection_file_writer.h"

namespace fastcms::core::transfer {

namespace {

namespace fs = std::filesystem;

bool is_definition(const nlohmann::json& item) {
  return item.is_object() && item.contains("name") && item["name"].is_string() && item.contains("fields") &&
         item["fields"].is_array();
}

/// The files of app/collections and their content, to put back after a failed import.
Result<std::map<fs::path, std::string>> snapshot_files(const fs::path& dir) {
  std::map<fs::path, std::string> files;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    auto content = fastcms::files::read(entry.path());
    if (!content.ok()) return content.error();
    files.emplace(entry.path(), std::move(*content));
  }
  return files;
}

void put_back(const fs::path& dir, const std::map<fs::path, std::string>& before) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && !before.count(entry.path())) fs::remove(entry.path(), ec);
  for (const auto& [path, content] : before) (void)fastcms::files::write_atomic(path, content);
}

}  // namespace

bool is_schema_document(const nlohmann::json& doc) {
  if (is_definition(doc)) return true;
  if (!doc.is_array() || doc.empty()) return false;
  for (const auto& item : doc)
    if (!is_definition(item)) return false;
  return true;
}

Result<collections::SyncReport> import_collection_definitions(App& app, const nlohmann::json& doc) {
  if (!is_schema_document(doc)) return Error::usage("not a collection definition (an object with name and fields)");
  const fs::path dir = collections::collections_dir(app.root());
  auto before = snapshot_files(dir);
  if (!before.ok()) return before.error();
  std::error_code ec;
  fs::create_directories(dir, ec);
  nlohmann::json definitions = doc.is_array() ? doc : nlohmann::json::array({doc});
  auto schema = app.schema();
  for (auto definition : definitions) {
    for (const char* stamp : {"created", "updated"}) definition.erase(stamp);
    if (auto st = collections::write_collection_file(app.root(), definition, schema.get()); !st.ok()) {
      put_back(dir, *before);
      return st.error();
    }
  }
  auto report = reload_collections(app);
  if (!report.ok()) {
    put_back(dir, *before);
    return Error::failure("the collections were not imported: " + report.error().message);
  }
  return report->sync;
}

}  // namespace fastcms::core::transfer
