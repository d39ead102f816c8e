#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"
#include "core/records/field_errors.h"
#include "core/records/record_draft.h"

namespace fastcms::core::records {

/// The checks PocketBase's record form adds for auth collections (none for others), given
/// the stored record `original` (blank_record() for a new one) and whether the requester
/// has manage access (superuser, or passes the manageRule):
/// - email: on update without manage access it cannot change (validation_values_mismatch);
/// - verified: without manage access it cannot change, on create it must stay false;
/// - password: required on create, or when passwordConfirm/oldPassword is given;
/// - passwordConfirm: required on create or when password/oldPassword is given, and must
///   equal password (validation_values_mismatch);
/// - oldPassword: on update without manage access, changing the password needs it
///   (validation_required) and it must match the stored hash
///   (validation_invalid_old_password).
/// No message or param contains a submitted password.
FieldErrors check_auth_form(const collections::Collection& collection, const nlohmann::json& original,
                            const RecordDraft& draft, bool is_new, bool manage_access);

}  // namespace fastcms::core::records
