#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/collections/schema_store.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// The outcome of validate_collection.
struct CollectionValidation {
  /// The body could not be read as a collection at all (a field that is not an object or
  /// has an unknown type): PocketBase answers "Failed to load the submitted data due to
  /// invalid formatting." with no data.
  bool malformed = false;
  /// PocketBase's validation errors, keyed like the collection JSON, e.g.
  /// {"name":{"code":"validation_collection_name_exists","message":"..."}},
  /// {"fields":{"2":{"min":{"code":"validation_invalid_value","message":"..."}}}}; empty
  /// when the collection may be saved.
  nlohmann::json errors = nlohmann::json::object();
  /// The canonical definition to store (see canonical_definition), set when valid.
  nlohmann::json definition;

  bool ok() const { return !malformed && errors.empty(); }
};

/// Checks a collection the Collections API is about to save, the way PocketBase does:
/// id (format, uniqueness; unchanged on update), type (base/auth/view; unchanged on
/// update), system flag and system names, rules and fields unchanged on update, name
/// (required, ≤255, \w+, no "_via_", unique case-insensitively, not another collection's
/// id, not an internal table), fields (unique ids and names, reserved names, no type
/// change, system fields neither removed nor renamed, options valid per the collection
/// JSON Schema and collection_checks), indexes (valid CREATE INDEX, unique names also
/// across collections, none on views), auth options (identity fields with a unique
/// index, MFA needing two methods), the view query (it must run), and every rule compiled
/// with the filter compiler against the schema as it will be. `draft` is the collection
/// JSON as it will be saved (after PATCH merging); `original` the stored collection on
/// update (nullptr on create); `stored` every stored collection. Reads the database
/// only to look for internal tables and to try the view query.
CollectionValidation validate_collection(db::Connection& conn, const nlohmann::json& draft,
                                         const StoredCollection* original, const std::vector<StoredCollection>& stored);

/// `message` the way PocketBase words it: first letter upper-cased, a final '.' added
/// unless it already ends with punctuation.
std::string sentenize(std::string message);

}  // namespace fastcms::core::collections
