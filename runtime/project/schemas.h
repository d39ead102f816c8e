#pragma once
#include "project/json_schema.h"

namespace fastcms::project {

/// The JSON Schema for fastcms.config.json (schemas/config.schema.json, embedded).
const JsonSchema& config_schema();

/// The JSON Schema for collection files (schemas/collection.schema.json, embedded).
const JsonSchema& collection_schema();

/// Formats violations as "<file>: <path>: <expected>" lines ("<file>: <expected>" at the root).
std::string format_violations(const std::string& file, const std::vector<SchemaViolation>& violations);

}  // namespace fastcms::project
