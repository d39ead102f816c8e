#pragma once
#include "db/dialect.h"

/// SQLite's SQL dialect (3.38+: JSON functions built in).
namespace fastcms::db {

class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }
  /// "?N": SQLite binds ?N to parameter N wherever it appears.
  std::string placeholder(std::size_t index) const override;
  /// text, datetime, json → TEXT (JSON is kept as its text: a column declared JSON would
  /// get NUMERIC affinity and turn the document 1e3 into the number 1000.0);
  /// integer → INTEGER; real → NUMERIC (integral values read back as integers, as in
  /// PocketBase); boolean → BOOLEAN (0/1); blob → BLOB.
  std::string column_type(LogicalType type) const override;
  /// json_each(...) over the value, or over json_array(value) when it is not an array.
  std::string json_each(std::string_view expr) const override;
  /// A key containing a double quote cannot be addressed by an SQLite JSON path; such a
  /// path yields the expression NULL (matches nothing) rather than a wrong key.
  std::string json_extract(std::string_view expr, const std::vector<std::string>& path) const override;
  std::string json_array_length(std::string_view expr) const override;
  std::string random_order() const override { return "RANDOM()"; }
  /// strftime('%Y-%m-%d %H:%M:%fZ', 'now') → e.g. 2024-05-01 12:30:45.123Z
  std::string now_utc() const override;
};

/// The shared instance (stateless).
const SqliteDialect& sqlite_dialect();

}  // namespace fastcms::db
