#include "core/collections/schema_sync.h"

#include <algorithm>

#include "common/strings.h"
#include "core/collections/declared_schema.h"
#include "core/collections/system_tables.h"

namespace fastcms::core::collections {
using nlohmann::json;

bool SyncReport::changed() const {
  return std::any_of(collections.begin(), collections.end(),
                     [](const CollectionChange& c) { return c.kind != ChangeKind::unchanged; });
}

std::string format_sync_report(const SyncReport& report) {
  std::string out;
  for (const auto& c : report.collections) {
    switch (c.kind) {
      case ChangeKind::created: out += "+ " + c.name + " (created)\n"; break;
      case ChangeKind::altered: out += "~ " + c.name + ": " + strings::join(c.changes, "; ") + "\n"; break;
      case ChangeKind::unchanged: out += "= " + c.name + " (unchanged)\n"; break;
      case ChangeKind::deleted: out += "- " + c.name + " (deleted)\n"; break;
    }
  }
  for (const auto& name : report.unmanaged)
    out += "? " + name + ": in the database but not in app/collections (left untouched)\n";
  return out;
}

Result<SyncReport> sync_collection_files(db::Connection& conn, const std::vector<json>& definitions) {
  SyncReport report;
  auto status = conn.transaction([&](db::Connection& tx) -> Status {
    if (auto s = ensure_system_tables(tx); !s) return s;
    auto declared = resolve_declared_schema(tx, definitions);
    if (!declared) return declared.error();
    for (const auto& u : declared->undeclared) report.unmanaged.push_back(u.name);
    auto changes = apply_collection_definitions(tx, declared->canonical);
    if (!changes) return changes.error();
    report.collections = std::move(*changes);
    return Ok{};
  });
  if (!status) return status.error();
  return report;
}

}  // namespace fastcms::core::collections
