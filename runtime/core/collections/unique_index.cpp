#include "core/collections/unique_index.h"

#include <cctype>
#include <regex>

#include "common/strings.h"

namespace fastcms::core::collections {

namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

/// `"name" COLLATE NOCASE DESC` → name.
std::string column_name(const std::string& term) {
  std::string name = strings::trim(term);
  if (!name.empty() && (name.front() == '"' || name.front() == '`' || name.front() == '[')) {
    char close = name.front() == '[' ? ']' : name.front();
    auto end = name.find(close, 1);
    return end == std::string::npos ? std::string() : name.substr(1, end - 1);
  }
  return name.substr(0, name.find_first_of(" \t\r\n"));
}

}  // namespace

bool has_single_column_unique_index(const Collection& collection, std::string_view column) {
  auto it = collection.definition.find("indexes");
  if (it == collection.definition.end() || !it->is_array()) return false;
  static const std::regex unique_on(R"(^\s*CREATE\s+UNIQUE\s+INDEX\b[\s\S]*?\bON\s+[^(]+\(([^)]*)\))",
                                    std::regex::icase);
  for (const auto& index : *it) {
    if (!index.is_string()) continue;
    const std::string sql = index.get<std::string>();
    std::smatch m;
    if (!std::regex_search(sql, m, unique_on)) continue;
    const std::string columns = m[1].str();
    if (columns.find(',') != std::string::npos) continue;
    if (equals_ignore_case(column_name(columns), column)) return true;
  }
  return false;
}

}  // namespace fastcms::core::collections
