#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

/// Reading and writing the `_collections` table (see system_tables.h). Definitions are
/// stored as JSON text without created/updated, which live in their own columns; what
/// this file hands out has them merged back in.
namespace fastcms::core::collections {

/// One row of `_collections`.
struct StoredCollection {
  std::string id;
  std::string name;
  std::string type;
  bool system = false;
  nlohmann::json definition;  ///< the stored definition with "created" and "updated" set
  std::string created;
  std::string updated;
};

/// Every stored collection, oldest first (ties by name).
Result<std::vector<StoredCollection>> load_stored_collections(db::Connection& conn);

/// The stored collection whose id is `id_or_name`, or else whose name equals it
/// case-insensitively (PocketBase's FindCollectionByNameOrId); nullopt when none.
Result<std::optional<StoredCollection>> find_stored_collection(db::Connection& conn, std::string_view id_or_name);

/// Every stored definition through collection_from_json, as one Schema. An unreadable
/// definition is an error naming the collection.
Result<std::shared_ptr<const Schema>> load_schema(db::Connection& conn);

/// Inserts the definition, or replaces the stored one with the same id, stamping
/// `updated` (and `created` on insert) with the current time. The definition must build
/// a collection (collection_from_json); its id is that collection's id.
Status save_definition(db::Connection& conn, const nlohmann::json& definition);

/// Deletes the `_collections` row with id `id` (nothing when there is none). The table is
/// the caller's business.
Status remove_definition(db::Connection& conn, std::string_view id);

/// The statement save_definition runs, with every value written as a SQL literal instead of
/// bound, for migration files (which are plain SQL). `created` and `updated` are the times
/// to store; empty means the time the statement runs. An existing row keeps its created.
Result<std::string> save_definition_sql(const db::Dialect& dialect, const nlohmann::json& definition,
                                        const std::string& created = "", const std::string& updated = "");

/// The statement remove_definition runs, with the id as a SQL literal.
std::string remove_definition_sql(const db::Dialect& dialect, std::string_view id);

}  // namespace fastcms::core::collections
