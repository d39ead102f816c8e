#pragma once
#include <optional>
#include <string>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/records/field_value.h"

namespace fastcms::core::records {

/// bcrypt reads at most this many bytes; PocketBase's default password max (71 characters)
/// stays below it.
inline constexpr size_t default_password_max = 71;

/// The minimum length of an auth collection's `password` when its definition sets none.
inline constexpr size_t default_password_min = 8;

/// Checks a submitted plain-text password against a password field's options, as
/// PocketBase does: min characters (validation_min_text_constraint; 8 for the auth system
/// field when unset), max characters, 71
/// when unset, and at most 72 bytes (validation_max_text_constraint), pattern
/// (validation_invalid_format). "" is not checked here (required is about the stored hash).
std::optional<FieldError> check_plain_password(const collections::Field& field, const std::string& plain);

/// The bcrypt hash to store for `plain`, with the field's `cost` option (0 → 10); "" for "".
Result<std::string> hash_field_password(const collections::Field& field, const std::string& plain);

}  // namespace fastcms::core::records
