#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/records/record_files.h"
#include "core/request_context.h"
#include "db/connection.h"

/// Creating and updating records as PocketBase's records API does (rules, field modifiers,
/// validation, auth-record rules), each in one transaction. Both return the FULL stored
/// record (record_from_row: hidden fields, password hash and tokenKey included): the caller
/// presents it (present_record) and expands it.
namespace fastcms::core::records {

/// POST /api/collections/{c}/records.
/// - view collection: 400 "Unsupported collection type.";
/// - createRule null and ctx not a superuser: 403 "Only superusers can perform this action.";
/// - body not a JSON object: 400 "Failed to read the submitted data.";
/// - the createRule is checked (unless ctx bypasses rules) against the record as it would
///   be stored, with `verified` false and @request.body = the body after modifiers, hidden
///   fields removed: unmet → 400 "Failed to create record." with empty data;
/// - then every failure at once → 400 "Failed to create record." with data per key.
/// An `id` in the body must fit the id field (15 characters [a-z0-9]) and be unused
/// (validation_not_unique); without one an id is generated. Auth collections need
/// password + passwordConfirm; `verified` can be set only with manage access.
/// `files` are the request's uploads (see RecordFiles and merge_uploads): they count as
/// submitted values, are validated with the other fields (maxSelect, maxSize, mimeTypes
/// sniffed from the bytes) and written to storage only when everything else passed,
/// before COMMIT; a rollback removes them again.
ApiResult<nlohmann::json> create_record(db::Connection& db, const collections::Schema& schema,
                                        const collections::Collection& collection, const RequestContext& ctx,
                                        const nlohmann::json& body, const RecordFiles& files = {});

/// PATCH /api/collections/{c}/records/{id}: only the fields the body names change
/// (modifiers apply to the stored values).
/// - view collection: 400; updateRule null and ctx not a superuser: 403;
/// - no record `id`, or the updateRule does not hold for the stored record with
///   @request.body = the body after modifiers (`:changed` compares with the stored
///   values): 404;
/// - every failure at once → 400 "Failed to update record." with data per key; the id
///   cannot change (validation_pk_change);
/// - auth records without manage access: a password change needs the right oldPassword,
///   email and verified cannot change; a password or email change regenerates tokenKey.
/// `files` as for create_record; files the record stops holding (replaced, "field-",
/// cleared) are removed from storage after the outermost COMMIT, never before.
ApiResult<nlohmann::json> update_record(db::Connection& db, const collections::Schema& schema,
                                        const collections::Collection& collection, const RequestContext& ctx,
                                        std::string_view id, const nlohmann::json& body, const RecordFiles& files = {});

/// PocketBase's messages for the failures every write shares.
inline constexpr const char* unsupported_collection_message = "Unsupported collection type.";
inline constexpr const char* unreadable_body_message = "Failed to read the submitted data.";

}  // namespace fastcms::core::records
