#include "core/migrations/migration_status.h"

#include <map>

namespace fastcms::core::migrations {
using nlohmann::json;

const char* to_string(MigrationState state) {
  switch (state) {
    case MigrationState::applied: return "applied";
    case MigrationState::pending: return "pending";
    case MigrationState::modified: return "modified";
    case MigrationState::missing_file: return "missing-file";
  }
  return "pending";
}

std::vector<MigrationStatus> migration_status(const std::vector<MigrationFile>& files,
                                              const std::vector<AppliedMigration>& applied) {
  std::map<std::string, MigrationStatus> by_version;
  for (const auto& f : files) {
    MigrationStatus s;
    s.version = f.version;
    s.name = f.name;
    s.file = &f;
    by_version[f.version] = s;
  }
  for (const auto& a : applied) {
    auto& s = by_version[a.version];
    s.version = a.version;
    s.applied = a;
    if (!s.file) {
      s.name = a.name;
      s.state = MigrationState::missing_file;
    } else {
      s.state = s.file->checksum == a.checksum ? MigrationState::applied : MigrationState::modified;
    }
  }
  std::vector<MigrationStatus> out;
  for (auto& [version, s] : by_version) out.push_back(std::move(s));
  return out;
}

std::vector<const MigrationStatus*> drifted(const std::vector<MigrationStatus>& status) {
  std::vector<const MigrationStatus*> out;
  for (const auto& s : status)
    if (s.state == MigrationState::modified || s.state == MigrationState::missing_file) out.push_back(&s);
  return out;
}

json status_json(const std::vector<MigrationStatus>& status,
                 const std::optional<std::vector<std::string>>& collection_changes) {
  json list = json::array();
  std::map<MigrationState, int> counts;
  for (const auto& s : status) {
    ++counts[s.state];
    list.push_back({
        {"version", s.version},
        {"name", s.name},
        {"state", to_string(s.state)},
        {"file", s.file ? json(s.file->label) : json()},
        {"checksum", s.file ? json(s.file->checksum) : json()},
        {"hasDown", s.file ? json(s.file->down.has_value()) : json()},
        {"applied", s.applied ? json(s.applied->applied) : json()},
        {"appliedChecksum", s.applied ? json(s.applied->checksum) : json()},
        {"durationMs", s.applied ? json(s.applied->duration_ms) : json()},
    });
  }
  return {{"migrations", list},
          {"summary",
           {{"applied", counts[MigrationState::applied]},
            {"pending", counts[MigrationState::pending]},
            {"modified", counts[MigrationState::modified]},
            {"missingFile", counts[MigrationState::missing_file]}}},
          {"collections", collection_changes ? json(*collection_changes) : json()}};
}

}  // namespace fastcms::core::migrations
