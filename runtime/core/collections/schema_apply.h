#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// What happened to one collection.
enum class ChangeKind { created, altered, unchanged, deleted };

/// "created", "altered", "unchanged" or "deleted".
const char* to_string(ChangeKind kind);

struct CollectionChange {
  std::string id;
  std::string name;
  ChangeKind kind = ChangeKind::unchanged;
  std::vector<std::string> changes;  ///< human-readable, e.g. "added field subtitle", "changed listRule"
};

/// Brings the database to the given collections, in one transaction (all or nothing):
/// each definition in `desired` (canonical, see canonical_definition; its id decides
/// which stored collection it replaces) gets its table or view planned by plan_table
/// against the database's actual table and the previously stored definition, the DDL run
/// and the definition stored when it differs from the stored one; each collection in
/// `remove_ids` has its table or view dropped and its definition deleted. Tables are
/// handled before views so a view may select from a table created in the same call.
/// Collections neither desired nor removed are not touched. Returns one entry per desired
/// or removed collection, in that order; an unchanged one ran no statement. Once the
/// transaction commits, the storage folders of removed collections and the files of
/// dropped file fields are discarded (files::discard_after_commit). When `ran` is
/// given it receives every DDL statement run, in the order run (the definition writes to
/// `_collections` are not included).
Result<std::vector<CollectionChange>> apply_collection_definitions(db::Connection& conn,
                                                                   const std::vector<nlohmann::json>& desired,
                                                                   const std::vector<std::string>& remove_ids = {},
                                                                   std::vector<std::string>* ran = nullptr);

}  // namespace fastcms::core::collections
