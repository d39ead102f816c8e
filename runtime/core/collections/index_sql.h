#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::core::collections {

/// The parts of a CREATE [UNIQUE] INDEX statement, as PocketBase's dbutils.ParseIndex
/// reads them. Identifiers may be bare or quoted with "", `` or [].
struct ParsedIndex {
  bool unique = false;
  std::string name;
  std::string table;
  std::string columns;  ///< the text between the parentheses
  std::string where;    ///< the partial-index condition, "" when none
};

/// The parsed statement, or nullopt when it is not a CREATE INDEX statement with a name,
/// a table and at least one column.
std::optional<ParsedIndex> parse_index(std::string_view sql);

/// A form of a DDL statement for comparing two of them: whitespace collapsed, quotes
/// around identifiers removed, "IF NOT EXISTS" dropped, lower-cased, no trailing ';'.
/// The database may store a statement differently from how it was written (SQLite
/// normalizes spaces and drops IF NOT EXISTS); equal forms mean the same object.
std::string normalize_ddl(std::string_view sql);

/// `sql` with its ON <table> replaced by `table` (quoted with double quotes), the way
/// PocketBase keeps index statements pointing at their collection after a rename.
std::string with_index_table(const std::string& sql, const std::string& table);

/// Whether the index statement mentions `column` as an identifier (case-insensitively).
bool index_mentions_column(const std::string& sql, std::string_view column);

}  // namespace fastcms::core::collections
