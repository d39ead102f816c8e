#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

/// What the schema layer needs to know about the database's actual tables, and the few
/// pieces of DDL that cannot be expressed through db::Dialect. Everything here is
/// backend-specific and implemented per backend (sqlite_table_introspection.cpp reads
/// sqlite_master and PRAGMA table_info); a PostgreSQL backend replaces that one file.
namespace fastcms::core::collections {

/// One column as the database reports it.
struct ColumnInfo {
  std::string name;
  std::string declared_type;  ///< e.g. "TEXT", "NUMERIC", "BOOLEAN"
};

/// One explicitly created index (automatic ones, such as the primary key's, are left out).
struct IndexInfo {
  std::string name;
  std::string sql;  ///< the CREATE INDEX statement as the database stores it
};

/// A table or view as it exists in the database.
struct TableInfo {
  enum class Kind { missing, table, view };
  Kind kind = Kind::missing;
  std::string name;                 ///< as stored (names compare case-insensitively)
  std::string sql;                  ///< the CREATE TABLE / CREATE VIEW statement as stored
  std::vector<ColumnInfo> columns;  ///< tables only, in order
  std::vector<IndexInfo> indexes;   ///< tables only

  bool exists() const { return kind != Kind::missing; }
  const ColumnInfo* column(std::string_view name) const;
};

/// The table or view named `name` (case-insensitively); kind missing when there is none.
Result<TableInfo> inspect_table(db::Connection& conn, std::string_view name);

/// Every view in the database whose definition mentions `table` (by word, case-insensitively):
/// the views a table rebuild must drop and recreate.
Result<std::vector<TableInfo>> views_mentioning(db::Connection& conn, std::string_view table);

/// The SQL expression that converts column `column` (quoted) of a table being rebuilt from
/// the storage of `from` to that of `to`, e.g. a single select value into a one-element JSON
/// array when maxSelect grows past 1, or the last element of the array when it shrinks.
std::string convert_column_sql(const std::string& column, const Field& from, const Field& to,
                               const db::Dialect& dialect);

}  // namespace fastcms::core::collections
