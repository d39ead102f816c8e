#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/collections/collection.h"
#include "db/dialect.h"

namespace fastcms::core::collections {

/// The column type a field is stored in: single-valued text-like fields (text, email, url,
/// editor, password, single select/relation/file) are text; multi-valued select/relation/
/// file, json and geoPoint are JSON; number is real; bool is boolean; date and autodate
/// are datetimes.
db::LogicalType storage_type(const Field& field);

/// The column definition of one field, e.g. "title" TEXT DEFAULT '' NOT NULL. As in
/// PocketBase every column except json ones is NOT NULL with the field's zero value as
/// its default, so filters never meet NULL where the API shows "" or 0. The id field is
/// the TEXT primary key.
std::string column_definition(const Field& field, const db::Dialect& dialect);

/// The unique indexes every auth collection has, PocketBase's way: idx_email_<id> on email
/// where it is not empty and idx_tokenKey_<id> on tokenKey; none for other types.
std::vector<std::string> implicit_index_statements(const Collection& collection, const db::Dialect& dialect);

/// CREATE TABLE for a base or auth collection (one column per field), named `table_name`
/// when given (a table rebuild creates the new table under a temporary name).
std::string create_table_statement(const Collection& collection, const db::Dialect& dialect,
                                   std::string_view table_name = {});

/// The collection's implicit indexes followed by its declared ones.
std::vector<std::string> index_statements(const Collection& collection, const db::Dialect& dialect);

/// CREATE VIEW for a view collection, from its viewQuery.
std::string create_view_statement(const Collection& collection, const db::Dialect& dialect);

/// The statements that create a collection in an empty database, in order: CREATE TABLE
/// (or CREATE VIEW for view collections), the unique indexes auth collections need
/// (email where not empty, tokenKey), then the collection's declared indexes.
std::vector<std::string> create_statements(const Collection& collection, const db::Dialect& dialect);

}  // namespace fastcms::core::collections
