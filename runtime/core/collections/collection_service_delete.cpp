// Delete and truncate of the Collections API (collection_service.h).
#include "common/strings.h"
#include "core/collections/api_transaction.h"
#include "core/collections/collection_file_cleanup.h"
#include "core/collections/collection_service.h"
#include "core/collections/schema_store.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

/// Names of the other collections with a relation field pointing at `target`.
std::vector<std::string> referencing(const std::vector<StoredCollection>& stored, const StoredCollection& target) {
  std::vector<std::string> out;
  for (const auto& s : stored) {
    if (s.id == target.id) continue;
    auto c = collection_from_json(s.definition);
    if (!c) continue;
    for (const auto& f : c->fields)
      if (f.type == "relation" && (f.relation_target() == target.id || f.relation_target() == target.name)) {
        out.push_back(s.name);
        break;
      }
  }
  return out;
}

/// Whether every view collection other than `except` still runs.
bool views_still_run(db::Connection& conn, const std::vector<StoredCollection>& stored, const std::string& except) {
  for (const auto& s : stored)
    if (s.type == "view" && s.id != except &&
        !conn.query("SELECT * FROM " + conn.dialect().quote_identifier(s.name) + " LIMIT 0"))
      return false;
  return true;
}

}  // namespace

ApiResult<json> delete_collection(db::Connection& conn, std::string_view id_or_name) {
  const std::string failed = "Failed to delete collection.";
  json deleted;
  auto done = run_api_transaction(
      conn,
      [&](db::Connection& tx, std::optional<ApiError>& failure) -> Status {
        auto found = find_stored_collection(tx, id_or_name);
        if (!found) return found.error();
        if (!found->has_value()) {
          failure = ApiError::not_found();
          return Ok{};
        }
        const StoredCollection& target = **found;
        auto stored = load_stored_collections(tx);
        if (!stored) return stored.error();
        if (target.system) {
          failure = ApiError::bad_request(failed);
          return Ok{};
        }
        if (auto refs = referencing(*stored, target); !refs.empty()) {
          failure = ApiError::bad_request("Failed to delete collection probably due to existing reference in " +
                                          strings::join(refs, ", ") + ".");
          return Ok{};
        }
        auto collection = collection_from_json(target.definition);
        if (!collection) return collection.error();
        deleted = collection_to_json(*collection);
        auto applied = apply_collection_definitions(tx, {}, {target.id});
        if (!applied) return applied.error();
        if (!views_still_run(tx, *stored, target.id)) failure = ApiError::bad_request(failed);
        return Ok{};
      },
      [&](const std::string&) { return ApiError::bad_request(failed); });
  if (!done) return done.error();
  return deleted;
}

ApiStatus truncate_collection(db::Connection& conn, std::string_view id_or_name) {
  auto found = find_stored_collection(conn, id_or_name);
  if (!found) return ApiError::from(found.error());
  if (!found->has_value()) return ApiError::not_found();
  const StoredCollection& target = **found;
  if (target.type == "view")
    return ApiError::bad_request("View collections cannot be truncated since they don't store their own records.");
  auto truncated = collection_from_json(target.definition);
  if (!truncated) return ApiError::from(truncated.error());
  auto held = stored_record_files(conn, *truncated);  // read before the rows go
  if (!held) return ApiError::from(held.error());
  auto r = conn.exec("DELETE FROM " + conn.dialect().quote_identifier(target.name));
  if (!r)
    return ApiError::bad_request(
        "Failed to truncate collection (most likely due to required cascade delete record references).");
  files::discard_after_commit(conn, std::move(*held));
  return Ok{};
}

}  // namespace fastcms::core::collections
