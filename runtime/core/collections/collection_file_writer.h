#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/error.h"
#include "core/collections/collection.h"

namespace fastcms::core::collections {

/// Writes a collection's file in app/collections so the files stay the desired schema
/// after a change made through the API: <name>.yaml (or .yml) when that collection
/// already has one, else <name>.json, replaced atomically. The content is
/// tidy_definition(definition): implicit fields, default options and ids, created and
/// updated are left out; relation targets are written by name when `schema` knows them.
/// System collections (e.g. _superusers) are not project files: nothing is written.
Status write_collection_file(const std::filesystem::path& project_root, const nlohmann::json& definition,
                             const Schema* schema = nullptr);

/// Removes app/collections/<name>.json, .yaml and .yml (whichever exist); Ok when none does.
Status remove_collection_file(const std::filesystem::path& project_root, std::string_view name);

}  // namespace fastcms::core::collections
