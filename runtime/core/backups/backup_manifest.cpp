#include "core/backups/backup_manifest.h"

#include <set>

namespace fastcms::core::backups {
using nlohmann::json;

namespace {

constexpr const char* format_name = "fastcms-backup";
constexpr int format_version = 1;

bool is_hex_digest(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

json BackupManifest::to_json() const {
  json list = json::array();
  for (const auto& f : files) list.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  return {{"format", format_name}, {"version", format_version}, {"created", created},
          {"fastcms", fastcms_version}, {"database", database},  {"files", std::move(list)}};
}

Result<BackupManifest> BackupManifest::parse(const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [](const std::string& why) { return Error::failure("the backup's manifest is invalid: " + why); };
  if (!doc.is_object()) return bad("not a JSON object");
  if (doc.value("format", "") != format_name) return bad("format is not \"fastcms-backup\"");
  if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<int>() != format_version)
    return bad("unsupported version (this fastcms reads version 1)");
  BackupManifest manifest;
  manifest.created = doc.value("created", "");
  manifest.fastcms_version = doc.value("fastcms", "");
  manifest.database = doc.value("database", "");
  if (!doc.contains("files") || !doc["files"].is_array()) return bad("no file list");
  std::set<std::string> seen;
  for (const auto& item : doc["files"]) {
    if (!item.is_object() || !item.contains("path") || !item["path"].is_string() || !item.contains("size") ||
        !item["size"].is_number_unsigned() || !item.contains("sha256") || !item["sha256"].is_string())
      return bad("a file entry lacks path, size or sha256");
    ManifestFile file{item["path"].get<std::string>(), item["size"].get<std::uint64_t>(),
                      item["sha256"].get<std::string>()};
    if (!is_hex_digest(file.sha256)) return bad("the sha256 of " + file.path + " is not 64 hex characters");
    if (!seen.insert(file.path).second) return bad(file.path + " is listed twice");
    manifest.files.push_back(std::move(file));
  }
  if (manifest.database.empty() || !seen.count(manifest.database)) return bad("the database file is not listed");
  return manifest;
}

}  // namespace fastcms::core::backups
