#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.h"

namespace fastcms::core::filter {

/// The SQL the filter compiler needs that differs between databases. Quoting,
/// placeholders and JSON access come from the database layer's db::Dialect; this adds the
/// filter-specific pieces (joins over JSON arrays, LIKE, functions). Every method returns
/// SQL text built from its (already safe) SQL arguments; none of them sees user values,
/// which always travel as bound parameters. SQLite is the one implementation today; a
/// PostgreSQL one plugs in here without touching the compiler.
class SqlDialect {
 public:
  virtual ~SqlDialect() = default;

  /// The database dialect underneath.
  virtual const db::Dialect& database() const = 0;

  /// An identifier quoted for this database.
  std::string quote(std::string_view identifier) const { return database().quote_identifier(identifier); }
  /// The placeholder of the 1-based parameter `index`.
  std::string placeholder(size_t index) const { return database().placeholder(index); }
  /// The value at the JSON path `segments` (keys; all-digit segments are array indexes).
  std::string json_extract(const std::string& json_sql, const std::vector<std::string>& segments) const {
    return database().json_extract(json_sql, segments);
  }
  /// Elements of the JSON array `array_sql`: NULL or "" → 0, a non-array value → 1.
  std::string json_array_length(const std::string& array_sql) const { return database().json_array_length(array_sql); }
  std::string random() const { return database().random_order(); }

  /// A join clause (starting with a space) adding one row per element of the JSON array
  /// `array_sql` under `alias` — a non-array value counts as a one-element array — and one
  /// row with a NULL element when the array is empty (LEFT JOIN semantics).
  virtual std::string left_join_json_elements(const std::string& array_sql, const std::string& alias) const = 0;
  /// The element value of a row joined by left_join_json_elements.
  virtual std::string json_element(const std::string& alias) const = 0;
  /// A condition true when the JSON array `array_sql` contains `value_sql`.
  virtual std::string json_array_contains(const std::string& array_sql, const std::string& value_sql,
                                          const std::string& alias) const = 0;
  /// `json_sql` in a canonical compact form; "[]" for NULL, "" or invalid JSON.
  virtual std::string json_canonical(const std::string& json_sql) const = 0;

  /// `value` with NULL replaced by the empty string (text comparison).
  virtual std::string coalesce_empty(const std::string& value_sql) const = 0;
  /// Case-insensitive (ASCII) LIKE with '\' as the escape character.
  virtual std::string like(const std::string& value_sql, const std::string& pattern_sql, bool negate) const = 0;
  /// True when `condition` is false or NULL.
  virtual std::string is_not_true(const std::string& condition_sql) const = 0;
  /// String concatenation.
  virtual std::string concat(const std::vector<std::string>& parts) const = 0;
  virtual std::string lower(const std::string& value_sql) const = 0;
  /// The implicit row id of the table aliased `alias` (sort by @rowid).
  virtual std::string rowid(const std::string& alias) const = 0;
  /// strftime(format, time, modifiers...) as SQLite defines it.
  virtual std::string strftime(const std::vector<std::string>& args) const = 0;
  /// Haversine distance in km between (lonA, latA) and (lonB, latB), in degrees.
  virtual std::string geo_distance(const std::string& lon_a, const std::string& lat_a, const std::string& lon_b,
                                   const std::string& lat_b) const = 0;
  /// A one-row derived table to hang LEFT JOINs on: "(SELECT 1) AS alias".
  virtual std::string one_row(const std::string& alias) const = 0;
};

/// The SQLite dialect (on db::SqliteDialect; JSON1 and math functions of SQLite ≥ 3.38).
const SqlDialect& sqlite_dialect();

}  // namespace fastcms::core::filter
