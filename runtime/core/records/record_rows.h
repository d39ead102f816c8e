#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "common/error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

/// Row-level SQL on a collection's table for the write path: every value bound, every
/// identifier taken from the schema and quoted by the connection's Dialect.
namespace fastcms::core::records {

/// The full record (record_from_row) stored under `id`, or nullopt.
Result<std::optional<nlohmann::json>> load_record(db::Connection& db, const collections::Collection& collection,
                                                  std::string_view id);

/// INSERT of a full record: one column per field, values from `record` (normalized, see
/// to_sql_value). Fails with the database's error (e.g. a unique violation).
Status insert_record(db::Connection& db, const collections::Collection& collection, const nlohmann::json& record);

/// UPDATE of every field except id of the record `id` with the values in `record`.
Status update_record_row(db::Connection& db, const collections::Collection& collection, std::string_view id,
                         const nlohmann::json& record);

/// DELETE of the record `id`; true when a row was deleted.
Result<bool> delete_record_row(db::Connection& db, const collections::Collection& collection, std::string_view id);

}  // namespace fastcms::core::records
