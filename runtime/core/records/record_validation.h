#pragma once
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/records/record_draft.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// The checks of a draft that look beyond its own values, recorded in draft.errors (a
/// field that already failed is not checked again):
/// - relation fields: every id must exist in the target collection
///   (validation_missing_rel_records; validation_missing_rel_collection when the target
///   collection is not in the schema);
/// - file fields: names the body gives must be files the record already has or uploads of
///   this request (draft.new_files; new files never arrive as names):
///   validation_invalid_file with the unknown names.
/// `current` is the stored record (blank_record() for a new one). Fails only on a
/// database error.
Status check_draft_references(db::Connection& db, const collections::Schema& schema,
                              const collections::Collection& collection, const nlohmann::json& current,
                              RecordDraft& draft);

}  // namespace fastcms::core::records
