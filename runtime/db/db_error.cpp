#include "db/db_error.h"

#include <string_view>

namespace fastcms::db {

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

DbErrorKind classify_db_error(const Error& error) {
  std::string_view m = error.message;
  // The SQL that follows "(in: " is not the database's message: look before it.
  if (auto in = m.find(" (in: "); in != std::string_view::npos) m = m.substr(0, in);
  if (m == "database is closed") return DbErrorKind::closed;
  if (contains(m, "database is locked")) return DbErrorKind::busy;
  if (contains(m, "UNIQUE constraint failed")) return DbErrorKind::unique_violation;
  if (contains(m, "FOREIGN KEY constraint failed")) return DbErrorKind::foreign_key_violation;
  if (contains(m, "NOT NULL constraint failed")) return DbErrorKind::not_null_violation;
  if (contains(m, "CHECK constraint failed")) return DbErrorKind::check_violation;
  return DbErrorKind::other;
}

std::vector<std::string> unique_violation_columns(const Error& error) {
  std::vector<std::string> columns;
  if (classify_db_error(error) != DbErrorKind::unique_violation) return columns;
  std::string_view m = error.message;
  if (auto in = m.find(" (in: "); in != std::string_view::npos) m = m.substr(0, in);
  constexpr std::string_view kMarker = "UNIQUE constraint failed: ";
  auto at = m.find(kMarker);
  if (at == std::string_view::npos) return columns;
  std::string_view list = m.substr(at + kMarker.size());
  while (!list.empty()) {
    auto comma = list.find(", ");
    std::string_view item = list.substr(0, comma);
    auto dot = item.rfind('.');
    columns.emplace_back(dot == std::string_view::npos ? item : item.substr(dot + 1));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 2);
  }
  return columns;
}

}  // namespace fastcms::db
