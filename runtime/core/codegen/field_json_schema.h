#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"

namespace fastcms::core::codegen {

/// The JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of the values `field` holds,
/// as the records API returns them and as a JSON create/update body may send them: types
/// mapped (number → number, or integer with onlyInt; bool → boolean; select → enum of its
/// values; relation and file → a string or, when maxSelect > 1, an array of them; geoPoint →
/// {lon, lat}; json → any value), with the field's declared limits the server enforces
/// (length, range, maxSelect, pattern) and its help text as the description. Limits that
/// do not apply to an empty value are only stated for required fields.
nlohmann::ordered_json field_json_schema(const collections::Field& field);

}  // namespace fastcms::core::codegen
