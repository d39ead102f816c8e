#include "core/collections/index_sql.h"

#include <cctype>
#include <regex>

namespace fastcms::core::collections {

namespace {

// An identifier, bare or quoted; group 1..4 holds it (only one matches).
constexpr const char* identifier = R"re((?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_]*)))re";

std::string first_group(const std::smatch& m, size_t from) {
  for (size_t i = from; i < from + 4; ++i)
    if (m[i].matched) return m[i].str();
  return "";
}

const std::regex& index_regex() {
  static const std::regex re(std::string(R"(^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:)") + identifier +
                                 R"(\s*\.\s*)?)" + identifier + R"(\s+ON\s+)" + identifier +
                                 R"(\s*\(([\s\S]*)\)\s*(?:WHERE\s+([\s\S]*?))?\s*;?\s*$)",
                             std::regex::icase);
  return re;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

std::optional<ParsedIndex> parse_index(std::string_view sql) {
  std::string text(sql);
  std::smatch m;
  if (!std::regex_match(text, m, index_regex())) return std::nullopt;
  ParsedIndex p;
  p.unique = m[1].matched;
  p.name = first_group(m, 6);
  p.table = first_group(m, 10);
  p.columns = m[14].str();
  p.where = m[15].matched ? m[15].str() : "";
  // The WHERE clause may have been swallowed by the greedy column group: split it off.
  static const std::regex where_split(R"(^([\s\S]*?)\)\s*WHERE\s+([\s\S]+)$)", std::regex::icase);
  std::smatch w;
  if (p.where.empty() && std::regex_match(p.columns, w, where_split)) {
    p.columns = w[1].str();
    p.where = w[2].str();
  }
  bool any_column = false;
  for (char ch : p.columns)
    if (!std::isspace(static_cast<unsigned char>(ch)) && ch != ',') any_column = true;
  if (p.name.empty() || p.table.empty() || !any_column) return std::nullopt;
  return p;
}

std::string normalize_ddl(std::string_view sql) {
  std::string out;
  bool pending_space = false;
  for (char ch : sql) {
    if (ch == '"' || ch == '`' || ch == '[' || ch == ']') continue;
    if (std::isspace(static_cast<unsigned char>(ch))) {
      pending_space = !out.empty();
      continue;
    }
    // No space next to punctuation, so "ON t (a)" and "ON t(a)" compare equal.
    const bool punct = ch == '(' || ch == ')' || ch == ',' || ch == ';';
    if (pending_space && !punct && out.back() != '(' && out.back() != ',') out += ' ';
    pending_space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  while (!out.empty() && out.back() == ';') out.pop_back();
  static const std::regex if_not_exists(R"( if not exists)");
  return std::regex_replace(out, if_not_exists, "");
}

std::string with_index_table(const std::string& sql, const std::string& table) {
  static const std::regex on_table(std::string(R"((\s+ON\s+))") + identifier + R"((\s*\())", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(sql, m, on_table)) return sql;
  std::string quoted = "\"";
  for (char ch : table) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  quoted += "\"";
  return m.prefix().str() + m[1].str() + quoted + m[6].str() + m.suffix().str();
}

bool index_mentions_column(const std::string& sql, std::string_view column) {
  auto parsed = parse_index(sql);
  const std::string haystack = lower(parsed ? parsed->columns + " " + parsed->where : sql);
  const std::string needle = lower(std::string(column));
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) {
    auto is_word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
    const bool left_ok = pos == 0 || !is_word(haystack[pos - 1]);
    const bool right_ok = pos + needle.size() >= haystack.size() || !is_word(haystack[pos + needle.size()]);
    if (left_ok && right_ok) return true;
  }
  return false;
}

}  // namespace fastcms::core::collections
