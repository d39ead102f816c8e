#pragma once
#include <filesystem>
#include <string>

#include "common/error.h"

namespace fastcms::core::collections {

/// `fastcms collections create NAME --schema FILE`: reads `source` (a collection in
/// PocketBase's JSON shape, as JSON or YAML), names it `name` (a different `name` inside is
/// an error), validates it together with the project's collection files (the JSON Schema,
/// check_collections, and resolve_declared_schema against the system collections: rules
/// compile, relations resolve) and writes it as app/collections/<name>.json, or .yaml when
/// `source` is YAML (its bytes unchanged when it already carries the name). Refuses to
/// replace an existing file of that collection. Returns the written path relative to the
/// project root. Nothing is written on any error; every error names the file.
Result<std::string> add_collection_file(const std::filesystem::path& root, const std::string& name,
                                        const std::filesystem::path& source);

}  // namespace fastcms::core::collections
