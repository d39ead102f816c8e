#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/records/field_errors.h"
#include "core/records/record_draft.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// How a draft whose rule checks passed is saved.
struct SaveOptions {
  bool is_new = false;
  /// Manage access to an auth record (see has_manage_access).
  bool manage_access = false;
  /// The 400 message: "Failed to create record." or "Failed to update record.".
  std::string failure_message;
  /// Failures found before the draft's own (e.g. a primary key change); they win over
  /// later failures of the same key.
  FieldErrors prior_errors;
  /// Where the draft's new files are written (see store_new_files).
  std::shared_ptr<files::FileStorage> storage;
};

/// The write shared by create and update, on a connection inside a transaction:
/// 1. collects every failure (prior errors, auth form checks, the draft's field errors,
///    relation targets and file names) into one 400 with `failure_message`;
/// 2. hashes submitted passwords; on update of an auth record, regenerates tokenKey when
///    the password or email changes (unless tokenKey itself was set), which invalidates
///    tokens issued before;
/// 3. stamps autodate fields (onCreate on insert, onUpdate on update) with the current time;
/// 4. inserts or updates the row, mapping a unique-index violation to validation_not_unique
///    on the index's fields;
/// 4b. writes the new files the record holds to `options.storage` (removed again if the
///    transaction rolls back) and, on update, discards the files it no longer holds once
///    the transaction commits (files::discard_after_commit);
/// 5. returns the stored record as record_from_row() would read it back (record_as_stored,
///    without querying it again), and publishes it as a record event when anyone listens.
/// `original` is the stored record (blank_record() for a new one).
ApiResult<nlohmann::json> save_draft(db::Connection& db, const collections::Schema& schema,
                                     const collections::Collection& collection, const nlohmann::json& original,
                                     RecordDraft& draft, const SaveOptions& options);

/// Sets the autodate fields of `values` to the current time: those with onCreate for a new
/// record, those with onUpdate otherwise.
void stamp_autodates(const collections::Collection& collection, bool is_new, nlohmann::json& values);

}  // namespace fastcms::core::records
