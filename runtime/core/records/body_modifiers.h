#pragma once
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/collections/collection.h"
#include "core/records/field_errors.h"

namespace fastcms::core::records {

/// A create/update body with PocketBase's field modifiers applied to the record's current
/// values. Not validated yet: values are what the fields will be given.
struct ResolvedBody {
  /// Field name → its new value, for every field the body names (directly or through a
  /// modifier).
  nlohmann::json fields = nlohmann::json::object();
  /// Body keys that name no field (passwordConfirm, oldPassword, anything unknown), as
  /// submitted: PocketBase ignores them but rules can read them (@request.body.*).
  nlohmann::json extra = nlohmann::json::object();
  /// Modifier keys the field's type does not support ("title+" on a text field) and
  /// modifier values that cannot be used (a non-number for "count+"), keyed by body key.
  FieldErrors errors;
};

/// Applies the body to `current` (the record's full values; zero values for a new record).
/// Keys are applied shortest first, so {"tags": [...], "tags+": "x"} sets then appends.
/// - "field": the value as given (a single select/relation/file given a list keeps the
///   list: validation reports it).
/// - select, relation, file: "field+" appends, "+field" prepends, "field-" removes one or
///   more values (a value or a list); the result is deduplicated, and a single-value field
///   keeps the last item (PocketBase: "the last selected").
/// - number: "field+" adds to and "field-" subtracts from the current number.
/// - text: "field:autogenerate" sets the given value (a prefix, usually "") followed by a
///   string generated from the field's autogeneratePattern.
/// Any other modifier on a field → errors[key] = validation_unsupported_modifier.
ResolvedBody resolve_body(const collections::Collection& collection, const nlohmann::json& body,
                          const nlohmann::json& current);

/// The distinct non-empty strings of a multi-valued input, in order: an array's items, a
/// JSON-array text's items, or a single value ("" and null → none).
std::vector<std::string> unique_strings(const nlohmann::json& value);

}  // namespace fastcms::core::records
