#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/collections/collection.h"
#include "core/records/field_errors.h"
#include "core/records/record_files.h"

namespace fastcms::core::records {

/// A record about to be created or updated: its current values with the request body
/// applied and normalized. Built in memory only; nothing here touches the database.
struct RecordDraft {
  /// Every field → the value it will be stored with: normalized submitted values, the
  /// current value for fields the body left alone, and the zero value for a submitted
  /// value that failed validation (so the draft can still be checked against rules).
  /// Password fields keep their current hash until the write hashes `passwords`.
  nlohmann::json values = nlohmann::json::object();
  /// Fields the body set (directly or through a modifier), with the value as submitted
  /// after modifiers.
  nlohmann::json submitted = nlohmann::json::object();
  /// Password-type fields given in the body → the plain text submitted.
  std::map<std::string, std::string> passwords;
  /// Body keys that name no field (passwordConfirm, oldPassword, unknown keys).
  nlohmann::json extra = nlohmann::json::object();
  /// Unusable modifiers and per-field validation failures (normalize_value codes, upload
  /// keys that name no file field, new files too large or of a type the field refuses).
  FieldErrors errors;
  /// Files uploaded with the request, by the name they will be stored under (see
  /// merge_uploads); only those `values` still holds are written.
  std::map<std::string, NewFile> new_files;

  bool was_submitted(const std::string& field) const { return submitted.contains(field); }
};

/// What the requester may write.
struct DraftOptions {
  /// Hidden fields in the body are ignored unless true (superusers and system callers); an
  /// auth collection's `password` is always accepted.
  bool may_set_hidden = false;
  /// A new record: text fields with an autogeneratePattern that end up blank get a
  /// generated value (id, tokenKey, custom slugs).
  bool is_new = false;
  /// Files sent with the request (see RecordFiles::uploads).
  std::span<const files::Upload> uploads;
};

/// Applies `body` with the uploads merged in (merge_uploads) and modifiers (see
/// resolve_body) to `current` (the stored record's
/// full values, or every field's zero value for a new record) and validates every field:
/// submitted values are normalized with normalize_value; fields left alone are checked
/// too (a required field still blank fails) but keep their stored form. The new files a
/// file field ends up with are checked against its maxSize and mimeTypes. Autodate fields
/// ignore the body. Passwords are checked as plain text (see check_plain_password).
RecordDraft make_draft(const collections::Collection& collection, const nlohmann::json& current,
                       const nlohmann::json& body, const DraftOptions& options);

/// @request.body for rules: the submitted fields (normalized where valid, as submitted
/// otherwise; passwords as plain text) and the keys that name no field.
nlohmann::json request_body(const RecordDraft& draft);

/// Every field's zero value, under "collectionId"/"collectionName" like a stored record.
nlohmann::json blank_record(const collections::Collection& collection);

}  // namespace fastcms::core::records
