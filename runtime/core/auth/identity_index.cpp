#include "core/auth/identity_index.h"

#include <regex>
#include <string>

#include "common/strings.h"

namespace fastcms::core::auth {

namespace {

struct UniqueColumn {
  std::string name;
  std::string collate;
};

/// The column of a single-column unique index statement, or nullopt for anything else
/// (non-unique, several columns, an expression).
std::optional<UniqueColumn> single_unique_column(const std::string& sql) {
  static const std::regex statement(R"(^\s*CREATE\s+UNIQUE\s+INDEX\s[^(]*\bON\s[^(]*\(([^()]*)\)[^()]*$)",
                                    std::regex::icase);
  static const std::regex column(R"(^\s*["`\[]?(\w+)["`\]]?(?:\s+COLLATE\s+(\w+))?(?:\s+(?:ASC|DESC))?\s*$)",
                                 std::regex::icase);
  std::smatch m;
  if (!std::regex_match(sql, m, statement)) return std::nullopt;
  std::string columns = m[1].str();
  std::smatch c;
  if (columns.find(',') != std::string::npos || !std::regex_match(columns, c, column)) return std::nullopt;
  return UniqueColumn{c[1].str(), c[2].str()};
}

}  // namespace

std::optional<IdentityLookup> identity_lookup(const collections::Collection& collection, std::string_view field) {
  if (!collection.field(field)) return std::nullopt;
  auto indexes = collection.definition.find("indexes");
  if (indexes != collection.definition.end() && indexes->is_array()) {
    for (const auto& index : *indexes) {
      if (!index.is_string()) continue;
      auto column = single_unique_column(index.get<std::string>());
      if (column && strings::equals_ignore_case(column->name, field))
        return IdentityLookup{strings::equals_ignore_case(column->collate, "nocase")};
    }
  }
  if (field == "email" || field == "id") return IdentityLookup{false};
  return std::nullopt;
}

}  // namespace fastcms::core::auth
