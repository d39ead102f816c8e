#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

/// The SQL that differs between backends, in one small interface: the filter compiler,
/// the DDL generator and the query builder ask the Dialect instead of writing
/// backend-specific SQL themselves. Every function returns a SQL fragment; none of them
/// takes a user *value* (values are always bound as parameters), only identifiers,
/// expressions already built by the caller, and JSON path keys, which are escaped here.
namespace fastcms::db {

/// The column types the schema layer asks for; each dialect maps them to a native type.
enum class LogicalType {
  text,      ///< UTF-8 text
  integer,   ///< 64-bit integer
  real,      ///< a number; may be integral or fractional
  boolean,   ///< true/false (SQLite stores 0/1)
  json,      ///< a JSON document
  datetime,  ///< "YYYY-MM-DD HH:MM:SS.mmmZ" (UTC), as PocketBase stores it
  blob,      ///< raw bytes
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  /// "sqlite" or "postgres".
  virtual std::string_view name() const = 0;

  /// An identifier in double quotes with embedded double quotes doubled:
  /// posts → "posts", a"b → "a""b". Safe for any input (a NUL byte is dropped).
  virtual std::string quote_identifier(std::string_view identifier) const;
  /// A dotted reference, each part quoted: ("p", "title") → "p"."title".
  std::string quote_qualified(std::string_view qualifier, std::string_view identifier) const;

  /// The placeholder for the 1-based parameter `index`: "?1" (SQLite) or "$1" (PostgreSQL).
  /// Numbered placeholders bind by number, so fragments may be assembled in any order
  /// as long as each one's parameters were numbered for the final statement.
  virtual std::string placeholder(std::size_t index) const = 0;

  /// The native column type for a logical type, e.g. boolean → "BOOLEAN".
  virtual std::string column_type(LogicalType type) const = 0;

  /// The conflict clause to append to an INSERT to make it an upsert:
  /// ON CONFLICT ("id") DO UPDATE SET "a" = excluded."a", ...; with no update columns,
  /// ON CONFLICT ("id") DO NOTHING. Column names are quoted here.
  virtual std::string upsert_clause(const std::vector<std::string>& conflict_columns,
                                    const std::vector<std::string>& update_columns) const;

  /// A table source for FROM / JOIN that yields one row per element of the JSON array in
  /// `expr`, in a column named `value`; a value that is not a JSON array is treated as a
  /// one-element array (so a single-valued field behaves like a one-element list).
  /// `expr` is evaluated more than once: pass a column reference or a placeholder.
  /// Use as: SELECT ... FROM <json_each(x)> AS je WHERE je.value = ?1
  virtual std::string json_each(std::string_view expr) const = 0;

  /// The value at `path` inside the JSON in `expr` (NULL when absent). Path segments are
  /// object keys, except that an all-digit segment is an array index (PocketBase's
  /// convention for `data.items.0.name`). A value that is not valid JSON is treated as
  /// a JSON string, so extracting from it yields NULL rather than an error.
  virtual std::string json_extract(std::string_view expr,
                                   const std::vector<std::string>& path) const = 0;

  /// The number of elements of the JSON array in `expr`: NULL or '' → 0, a non-array
  /// value → 1 (consistent with json_each).
  virtual std::string json_array_length(std::string_view expr) const = 0;

  /// An ORDER BY term that shuffles rows: "RANDOM()".
  virtual std::string random_order() const = 0;

  /// An expression for the current UTC time as text "YYYY-MM-DD HH:MM:SS.mmmZ".
  virtual std::string now_utc() const = 0;

  /// A SQL string literal with quotes escaped: it's → 'it''s'. For DDL (defaults, CHECKs)
  /// where parameters are not allowed; everywhere else bind parameters instead.
  virtual std::string quote_string_literal(std::string_view text) const;
};

}  // namespace fastcms::db
