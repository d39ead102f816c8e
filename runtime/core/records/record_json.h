#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/value.h"

namespace fastcms::core::records {

/// A stored row → the record's full JSON, as services pass it around: "collectionId",
/// "collectionName", then every field of the collection in order, typed (number → number,
/// bool → true/false, multi select/relation/file → array, json → the parsed value or null,
/// geoPoint → {"lon","lat"}, text-like and dates → string). Hidden fields, `password` and
/// `tokenKey` are included: never send this to a client without present_record().
/// Columns the row lacks get the field's zero value.
nlohmann::json record_from_row(const collections::Collection& collection, const db::Row& row);

/// The record that record_from_row() reads back after insert_record()/update_record_row()
/// stored `values` (each field through to_sql_value): lets a writer return the stored
/// record without querying it again.
nlohmann::json record_as_stored(const collections::Collection& collection, const nlohmann::json& values);

/// What `ctx` may see of a full record: `password` and `tokenKey` are always removed;
/// hidden fields unless ctx bypasses rules; on auth collections `email` unless
/// emailVisibility is true, the requester is that record, a superuser, or `can_manage`
/// (the requester passes the collection's manageRule).
nlohmann::json present_record(const collections::Collection& collection, nlohmann::json full,
                              const RequestContext& ctx, bool can_manage = false);

/// A normalized field value (see field_value.h) as the SQL value stored in its column:
/// arrays and objects as compact JSON text, json fields as JSON text (NULL for null),
/// bool as 1/0, numbers as reals, the rest as text.
db::SqlValue to_sql_value(const collections::Field& field, const nlohmann::json& value);

}  // namespace fastcms::core::records
