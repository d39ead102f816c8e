#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_error.h"
#include "core/collections/collection_file_writer.h"
#include "core/collections/collection_json.h"
#include "core/collections/schema_apply.h"
#include "db/connection.h"

/// The logic behind PocketBase's superuser-only Collections API (/api/collections…).
/// Callers check that the requester is a superuser. Every change runs in one transaction
/// (its DDL together with its `_collections` row) and leaves nothing behind when it
/// fails; afterwards the caller reloads the schema (load_schema) and keeps the project's
/// collection files in step (write_collection_file / remove_collection_file).
namespace fastcms::core::collections {

/// GET /api/collections: {page, perPage, totalItems, totalPages, items} with PocketBase's
/// `page`, `perPage` (default 30, at most 1000), `skipTotal`, `filter` and `sort` over
/// id, created, updated, name, system and type (insertion order by default). A filter or
/// sort that does not compile answers 400 with PocketBase's default message.
ApiResult<nlohmann::json> list_collections(db::Connection& conn, const std::map<std::string, std::string>& query);

/// GET /api/collections/{c}: the collection (by id, or name case-insensitively); 404 when unknown.
ApiResult<nlohmann::json> view_collection(db::Connection& conn, std::string_view id_or_name);

/// POST /api/collections: creates the collection `body` describes (PocketBase's collection
/// JSON; the implicit fields may be left out) and returns it. 400 "Failed to create
/// collection." with per-key `data` when it is invalid (see validate_collection), 400
/// "Failed to load the submitted data due to invalid formatting." when it cannot be read.
ApiResult<nlohmann::json> create_collection(db::Connection& conn, const nlohmann::json& body);

/// PATCH /api/collections/{c}: the keys given replace the stored ones (objects merge key
/// by key; `fields` replaces the whole list). A field that keeps its id under a new name
/// is renamed (its column too); a new collection name renames the table. 404 for an
/// unknown collection, 400 "Failed to update collection." when invalid.
ApiResult<nlohmann::json> update_collection(db::Connection& conn, std::string_view id_or_name,
                                            const nlohmann::json& body);

/// DELETE /api/collections/{c}: drops the collection and returns what it was (so the
/// caller can remove its file). 404 when unknown; 400 "Failed to delete collection." for a
/// system collection or one a view selects from; 400 "Failed to delete collection probably
/// due to existing reference in <names>." when another collection's relation points at it.
ApiResult<nlohmann::json> delete_collection(db::Connection& conn, std::string_view id_or_name);

/// DELETE /api/collections/{c}/truncate: deletes every record (and discards its files). 404 when unknown; 400 "View
/// collections cannot be truncated since they don't store their own records." for views.
ApiStatus truncate_collection(db::Connection& conn, std::string_view id_or_name);

/// PUT /api/collections/import with {collections:[...], deleteMissing:bool}: each imported
/// collection is merged onto the stored one with its id (or name) or created; with
/// deleteMissing every other non-system collection is deleted. All or nothing: 400
/// "Failed to import collections." with data.collections naming the first invalid
/// collection and its errors. Returns what changed.
ApiResult<std::vector<CollectionChange>> import_collections(db::Connection& conn, const nlohmann::json& body);

}  // namespace fastcms::core::collections
