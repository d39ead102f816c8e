#pragma once
#include <string_view>

#include "common/error.h"
#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// PocketBase's 400 when a delete fails, e.g. on a required relation reference.
inline constexpr const char* delete_failed_message =
    "Failed to delete record. Make sure that the record is not part of a required relation reference.";

/// DELETE /api/collections/{c}/records/{id}, in one transaction:
/// - view collection: 400 "Unsupported collection type.";
/// - deleteRule null and ctx not a superuser: 403 "Only superusers can perform this action.";
/// - no record `id`, or the deleteRule does not hold for it: 404;
/// - then the record and its references go as delete_with_references() says; a failure
///   (a required reference) undoes everything: 400 delete_failed_message.
ApiStatus delete_record(db::Connection& db, const collections::Schema& schema,
                        const collections::Collection& collection, const RequestContext& ctx, std::string_view id);

/// Deletes the record `id` of `collection` and settles the relation fields that point at
/// it, as PocketBase does (no rules are checked; call inside a transaction):
/// - each referencing record loses the id (a single relation becomes "", a multiple one
///   the list without it), with its onUpdate autodate fields refreshed;
/// - a record left with no ids in a cascadeDelete field is deleted too (recursively);
/// - a record left with no ids in a required field without cascadeDelete fails the delete;
/// - an auth record's `_externalAuths` links go with it (when `schema` has that collection);
/// - the files of every deleted record (a collection with file fields) are discarded once
///   the transaction commits (files::discard_after_commit of `{collectionId}/{recordId}`).
/// Returns false when there was no such record.
Result<bool> delete_with_references(db::Connection& db, const collections::Schema& schema,
                                    const collections::Collection& collection, std::string_view id);

}  // namespace fastcms::core::records
