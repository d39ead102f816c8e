#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/collections/collection.h"
#include "db/dialect.h"
#include "db/value.h"

namespace fastcms::core::records {

/// The collection's own columns qualified with the root alias (filter::root_alias), in
/// field order: `r."id", r."title", …`. Reads select these and nothing else.
std::string record_columns_sql(const collections::Collection& collection, const db::Dialect& dialect);

/// The collection's table (or view) as a FROM source under the root alias: `"posts" AS r`.
std::string record_source_sql(const collections::Collection& collection, const db::Dialect& dialect);

/// `r."name"`: one column of the root table.
std::string root_column_sql(std::string_view column, const db::Dialect& dialect);

/// A condition true when the value of `expr_sql` is one of the strings in the JSON array
/// bound to placeholder `param_number`: `expr IN (SELECT value FROM json_each(?N))`. One
/// parameter however many values, so a batch of ids is one prepared statement.
std::string in_json_array_sql(std::string_view expr_sql, size_t param_number, const db::Dialect& dialect);

/// Strings as the JSON array text in_json_array_sql() expects.
db::SqlValue json_array_param(const std::vector<std::string>& values);

/// Full records (record_from_row) of `rows`, in order.
std::vector<nlohmann::json> records_from_rows(const collections::Collection& collection,
                                              const std::vector<db::Row>& rows);

}  // namespace fastcms::core::records

namespace fastcms::core::records {

/// ORDER BY terms for "insertion order" (PocketBase's order when no sort is given: SQLite's
/// rowid), or "" for view collections, which have no rowid.
std::string insertion_order_sql(const collections::Collection& collection);

}  // namespace fastcms::core::records
