#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/schema_apply.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// What sync_collection_files did.
struct SyncReport {
  /// One entry per declared collection, in the order given: created, altered (with its
  /// change lines) or unchanged.
  std::vector<CollectionChange> collections;
  /// Names of the (non-system) collections the database has but no file declares; they
  /// were left untouched.
  std::vector<std::string> unmanaged;

  /// Whether anything was created or altered.
  bool changed() const;
};

/// The report as lines for a terminal, e.g.
///   + posts (created)
///   ~ tags: added field color; dropped index idx_tags_name
///   = users (unchanged)
///   ? legacy: in the database but not in app/collections (left untouched)
std::string format_sync_report(const SyncReport& report);

/// Brings the database to match the declared collections (the parsed, validated files of
/// app/collections, see load_collection_files) in ONE transaction: all of it or, on any
/// error, none of it. Ensures the system tables first. A declared collection matches the
/// stored one with the same explicit `id`, else the one with the same name (keeping its
/// id), else it is new (default id). Relation fields get `collectionId` resolved from
/// `collection: <name>`. Every rule must compile against the resulting schema and every
/// relation must point at a known collection; a collection may not change type. Then
/// each collection is applied as apply_collection_definitions describes. A second run with
/// the same definitions reports everything unchanged and runs no DDL.
Result<SyncReport> sync_collection_files(db::Connection& conn, const std::vector<nlohmann::json>& definitions);

}  // namespace fastcms::core::collections
