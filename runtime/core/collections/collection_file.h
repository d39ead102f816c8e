#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace fastcms::core::collections {

/// One declared collection, as read from app/collections/.
struct CollectionFile {
  std::filesystem::path path;  ///< absolute path
  std::string label;           ///< path relative to the project root, used in messages
  nlohmann::json definition;   ///< the parsed file (PocketBase collection shape)

  std::string name() const { return definition.value("name", ""); }
  std::string type() const { return definition.value("type", "base"); }
};

/// The folder of collection files inside a project root.
std::filesystem::path collections_dir(const std::filesystem::path& root);

/// Reads every .json/.yaml/.yml file in `root`/app/collections (sorted by name), validates
/// each against schemas/collection.schema.json and the checks in collection_checks.h.
/// On failure the error lists every problem, one "<file>: <path>: <expected>" per line.
Result<std::vector<CollectionFile>> load_collection_files(const std::filesystem::path& root);

}  // namespace fastcms::core::collections
