// Create, update and import of the Collections API (collection_service.h).
#include <cctype>
#include <functional>
#include <optional>

#include "core/collections/api_transaction.h"
#include "core/collections/collection_definition.h"
#include "core/collections/collection_draft.h"
#include "core/collections/collection_service.h"
#include "core/collections/collection_validation.h"
#include "core/collections/schema_store.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

ApiError load_error() { return ApiError::bad_request("Failed to load the submitted data due to invalid formatting."); }

/// Validates and applies one collection (create when `original` is null).
ApiResult<json> save_one(db::Connection& conn, const json& body, std::optional<std::string> id_or_name,
                         const std::string& failed) {
  if (!body.is_object()) return load_error();
  json result;
  auto done = run_api_transaction(
      conn,
      [&](db::Connection& tx, std::optional<ApiError>& failure) -> Status {
        auto stored = load_stored_collections(tx);
        if (!stored) return stored.error();
        const StoredCollection* original = nullptr;
        if (id_or_name) {
          auto found = find_stored_collection(tx, *id_or_name);
          if (!found) return found.error();
          if (!found->has_value()) {
            failure = ApiError::not_found();
            return Ok{};
          }
          for (const auto& s : *stored)
            if (s.id == (*found)->id) original = &s;
        }
        const json draft = api_draft(body, original ? &original->definition : nullptr);
        auto validation = validate_collection(tx, draft, original, *stored);
        if (validation.malformed) {
          failure = load_error();
          return Ok{};
        }
        if (!validation.ok()) {
          failure = ApiError::bad_request(failed, validation.errors);
          return Ok{};
        }
        auto applied = apply_collection_definitions(tx, {validation.definition});
        if (!applied) return applied.error();
        auto saved = find_stored_collection(tx, validation.definition["id"].get<std::string>());
        if (!saved) return saved.error();
        auto collection = collection_from_json((*saved)->definition);
        if (!collection) return collection.error();
        result = collection_to_json(*collection);
        return Ok{};
      },
      [&](const std::string& raw) { return ApiError::bad_request(sentenize(failed + " Raw error: \n" + raw)); });
  if (!done) return done.error();
  return result;
}

ApiError import_failure(const std::string& message) {
  return ApiError::bad_request(
      "Failed to import collections.",
      {{"collections", {{"code", "validation_collections_import_failure"}, {"message", sentenize(message)}}}});
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string text(const json& object, const char* key, const std::string& fallback = "") {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

ApiResult<json> create_collection(db::Connection& conn, const json& body) {
  return save_one(conn, body, std::nullopt, "Failed to create collection.");
}

ApiResult<json> update_collection(db::Connection& conn, std::string_view id_or_name, const json& body) {
  return save_one(conn, body, std::string(id_or_name), "Failed to update collection.");
}

ApiResult<std::vector<CollectionChange>> import_collections(db::Connection& conn, const json& body) {
  if (!body.is_object()) return load_error();
  const json collections = body.contains("collections") ? body["collections"] : json();
  if (!collections.is_array() || collections.empty())
    return ApiError::bad_request("An error occurred while validating the submitted data.",
                                 {{"collections", {{"code", "validation_required"}, {"message", "Cannot be blank."}}}});
  for (const auto& c : collections)
    if (!c.is_object()) return load_error();
  const bool delete_missing = body.contains("deleteMissing") && body["deleteMissing"] == true;

  std::vector<CollectionChange> result;
  auto done = run_api_transaction(
      conn,
      [&](db::Connection& tx, std::optional<ApiError>& failure) -> Status {
        auto stored = load_stored_collections(tx);
        if (!stored) return stored.error();
        // Each imported collection: the stored one it replaces (by id, else by name) and its draft.
        std::vector<const StoredCollection*> originals;
        std::vector<json> drafts;
        for (const auto& item : collections) {
          const StoredCollection* original = nullptr;
          for (const auto& s : *stored)
            if ((item.contains("id") && item["id"] == s.id) ||
                (!item.contains("id") && item.contains("name") && item["name"].is_string() &&
                 lower(item["name"].get<std::string>()) == lower(s.name)))
              original = &s;
          json draft = api_draft(item, original ? &original->definition : nullptr);
          if (!original && !draft.contains("id"))
            draft["id"] = default_collection_id(text(draft, "type", "base"), text(draft, "name"));
          originals.push_back(original);
          drafts.push_back(std::move(draft));
        }
        // The collections as they will be once imported, for checking each one against the others.
        std::vector<StoredCollection> final_set;
        std::vector<std::string> removed;
        for (const auto& s : *stored) {
          bool imported = false;
          for (const auto* o : originals) imported = imported || o == &s;
          if (imported) continue;
          if (delete_missing && !s.system) removed.push_back(s.id);
          else final_set.push_back(s);
        }
        for (size_t i = 0; i < drafts.size(); ++i) {
          StoredCollection s;
          s.id = text(drafts[i], "id");
          s.name = text(drafts[i], "name");
          s.type = text(drafts[i], "type", "base");
          s.definition = drafts[i];
          final_set.push_back(std::move(s));
        }
        std::vector<json> definitions;
        const size_t imported_from = final_set.size() - drafts.size();
        for (size_t i = 0; i < drafts.size(); ++i) {
          std::vector<StoredCollection> others;
          for (size_t k = 0; k < final_set.size(); ++k)
            if (k != imported_from + i) others.push_back(final_set[k]);
          auto validation = validate_collection(tx, drafts[i], originals[i], others);
          if (validation.malformed) {
            failure = load_error();
            return Ok{};
          }
          if (!validation.ok()) {
            failure = import_failure("Data validations failed for collection \"" + final_set[imported_from + i].name +
                                     "\" (" + final_set[imported_from + i].id + "):\n" +
                                     validation.errors.dump(2));
            return Ok{};
          }
          definitions.push_back(std::move(validation.definition));
        }
        auto applied = apply_collection_definitions(tx, definitions, removed);
        if (!applied) return applied.error();
        result = std::move(*applied);
        return Ok{};
      },
      [](const std::string& raw) {
        return import_failure("Failed to import the collections configuration. Raw error:\n" + raw);
      });
  if (!done) return done.error();
  return result;
}

}  // namespace fastcms::core::collections
