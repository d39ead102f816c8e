#include "db/dialect.h"

namespace fastcms::db {

std::string Dialect::quote_identifier(std::string_view identifier) const {
  std::string out;
  out.reserve(identifier.size() + 2);
  out += '"';
  for (char c : identifier) {
    if (c == '\0') continue;
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Dialect::quote_qualified(std::string_view qualifier, std::string_view identifier) const {
  return quote_identifier(qualifier) + "." + quote_identifier(identifier);
}

std::string Dialect::upsert_clause(const std::vector<std::string>& conflict_columns,
                                   const std::vector<std::string>& update_columns) const {
  std::string out = "ON CONFLICT (";
  for (std::size_t i = 0; i < conflict_columns.size(); ++i) {
    if (i) out += ", ";
    out += quote_identifier(conflict_columns[i]);
  }
  out += ") DO ";
  if (update_columns.empty()) return out + "NOTHING";
  out += "UPDATE SET ";
  for (std::size_t i = 0; i < update_columns.size(); ++i) {
    if (i) out += ", ";
    std::string col = quote_identifier(update_columns[i]);
    out += col + " = excluded." + col;
  }
  return out;
}

std::string Dialect::quote_string_literal(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (char c : text) {
    if (c == '\0') continue;
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace fastcms::db
