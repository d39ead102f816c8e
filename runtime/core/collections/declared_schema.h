#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/schema_store.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// The collection files resolved against what the database stores: what both
/// sync_collection_files and migrations built from the files start from.
struct DeclaredSchema {
  /// The declared collections in canonical form (canonical_definition), in the order given.
  /// A declared collection takes its explicit `id`, else the stored id of the collection
  /// with its name, else the default id; relation targets are resolved to ids.
  std::vector<nlohmann::json> canonical;
  /// Every stored collection, as it was before.
  std::vector<StoredCollection> stored;
  /// The non-system stored collections no declaration matches, oldest first.
  std::vector<StoredCollection> undeclared;
};

/// What happens to the stored collections no file declares.
enum class UndeclaredCollections { kept, dropped };

/// Resolves `definitions` (parsed, validated collection files) against the stored
/// collections and checks them as a whole: a collection may not change type, every
/// relation must point at a collection of the resulting schema and every rule must compile
/// against it. The resulting schema is the declared collections, the system ones and,
/// when `undeclared` is kept, the undeclared ones. Problems are one usage error, one line
/// per problem, each naming its collection. Reads only.
Result<DeclaredSchema> resolve_declared_schema(db::Connection& conn, const std::vector<nlohmann::json>& definitions,
                                               UndeclaredCollections undeclared = UndeclaredCollections::kept);

}  // namespace fastcms::core::collections
