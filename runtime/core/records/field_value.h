#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/collections/collection.h"

namespace fastcms::core::records {

/// A per-field validation failure, as PocketBase reports it inside an error's `data`:
/// {"code":"validation_...","message":"...","params"?:{...}}.
struct FieldError {
  std::string code;
  std::string message;
  nlohmann::json params = nullptr;

  nlohmann::json to_json() const;
};

/// PocketBase's failure for a blank required value: validation_required.
FieldError required_field_error();

/// How many files a file field holds at most: its maxSelect (at least 1) when it is
/// multi-valued, else 1.
long long max_files(const collections::Field& field);

/// PocketBase's failure for more files than max_files: validation_too_many_files.
FieldError too_many_files_error(long long max);

/// The value a field holds when none was given: "" for text-like and single select/
/// relation/file fields, 0, false, [] for multi-value fields, null for json, and
/// {"lon":0,"lat":0} for geoPoint.
nlohmann::json zero_value(const collections::Field& field);

/// Coerces `input` into the field's stored form and checks the field's options.
/// `input` may come from JSON or from a multipart form (strings: "12" for a number, "true"/
/// "1"/"on" for a bool, a JSON text for json fields, a single id for a multi relation).
/// Checks: required (non-zero), text min/max/pattern, number min/max/onlyInt, email and
/// url syntax with onlyDomains/exceptDomains, editor/json maxSize, date syntax and min/max,
/// select values and maxSelect, relation id syntax and minSelect/maxSelect, file names and
/// maxSelect (validation_too_many_files), geoPoint
/// ranges. Relation targets existing and password hashing are the records service's job.
/// Returns the normalized value or the first failure.
std::variant<nlohmann::json, FieldError> normalize_value(const collections::Field& field, const nlohmann::json& input);

/// True when `value` counts as blank for `required` (null, "", 0, false, [], {}).
bool is_blank(const nlohmann::json& value);

}  // namespace fastcms::core::records
