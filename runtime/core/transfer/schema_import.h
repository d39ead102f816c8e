#pragma once
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "core/app/app.h"
#include "core/collections/schema_sync.h"

namespace fastcms::core::transfer {

/// True when `doc` holds collection definitions: an object with `name` and a `fields`
/// array (what `collections export NAME` writes), or a non-empty array of such objects.
bool is_schema_document(const nlohmann::json& doc);

/// Writes each definition of `doc` as its file in app/collections (creating or replacing
/// the collection's file) and applies the files to the database (reload_collections). On
/// any failure every file of app/collections is put back as it was and the Error says why.
Result<collections::SyncReport> import_collection_definitions(App& app, const nlohmann::json& doc);

}  // namespace fastcms::core::transfer
