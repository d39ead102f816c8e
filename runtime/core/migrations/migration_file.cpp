#include "core/migrations/migration_file.h"

#include <cctype>
#include <vector>

#include "common/datetime.h"
#include "common/sha256.h"

namespace fastcms::core::migrations {

namespace {

constexpr std::string_view expected_form =
    "expected <UTC yyyymmddHHMMSS>_<snake_name>.sql, e.g. 20261122030405_add_tags.sql";

bool is_snake(std::string_view name) {
  if (name.empty() || name.front() == '_' || name.back() == '_') return false;
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

/// Whether 14 digits name a real time: yyyy-mm-dd HH:MM:SS.
bool is_real_time(std::string_view v) {
  const std::string text = std::string(v.substr(0, 4)) + "-" + std::string(v.substr(4, 2)) + "-" +
                           std::string(v.substr(6, 2)) + " " + std::string(v.substr(8, 2)) + ":" +
                           std::string(v.substr(10, 2)) + ":" + std::string(v.substr(12, 2));
  return datetime::parse(text).has_value();
}

std::string_view trimmed(std::string_view line) {
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
  return line;
}

/// Whether `sql` holds nothing but whitespace and comments.
bool blank_sql(std::string_view sql) {
  for (size_t i = 0; i < sql.size();) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) return true;
    } else if (sql.substr(i, 2) == "/*") {
      i = sql.find("*/", i + 2);
      if (i == std::string_view::npos) return true;
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string MigrationFile::file_name() const { return migration_file_name(version, name); }

std::string migration_file_name(std::string_view version, std::string_view name) {
  return std::string(version) + "_" + std::string(name) + ".sql";
}

Result<std::pair<std::string, std::string>> parse_migration_file_name(std::string_view file_name) {
  auto bad = [&](const std::string& why) {
    return Error::usage("bad migration file name \"" + std::string(file_name) + "\": " + why + "; " +
                        std::string(expected_form));
  };
  if (file_name.size() < 4 || file_name.substr(file_name.size() - 4) != ".sql") return bad("not a .sql file");
  const std::string_view stem = file_name.substr(0, file_name.size() - 4);
  if (stem.size() < 16 || stem[14] != '_') return bad("it does not start with 14 digits and '_'");
  const std::string_view version = stem.substr(0, 14);
  for (char c : version)
    if (!std::isdigit(static_cast<unsigned char>(c))) return bad("it does not start with 14 digits");
  if (!is_real_time(version)) return bad(std::string(version) + " is not a valid UTC time");
  const std::string_view name = stem.substr(15);
  if (!is_snake(name)) return bad("\"" + std::string(name) + "\" is not snake_case (a-z, 0-9 and '_')");
  return std::pair{std::string(version), std::string(name)};
}

Result<std::string> snake_migration_name(std::string_view name) {
  std::string out;
  for (char c : trimmed(name)) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (c == '_' || c == '-' || c == ' ') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      return Error::usage("bad migration name \"" + std::string(name) +
                          "\": use letters, digits and '_' (e.g. add_tags)");
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) return Error::usage("a migration needs a name, e.g. fastcms migrate create add_tags");
  return out;
}

Result<MigrationFile> parse_migration(std::string_view file_name, std::string_view content, const std::string& label) {
  auto parsed_name = parse_migration_file_name(file_name);
  if (!parsed_name) return Error::usage(label + ": " + parsed_name.error().message);
  MigrationFile file;
  file.version = parsed_name->first;
  file.name = parsed_name->second;
  file.label = label;
  file.checksum = sha256_hex(content);

  enum class Part { preamble, up, down } part = Part::preamble;
  std::string up, down;
  bool has_down = false;
  size_t line_number = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    const std::string_view line = content.substr(start, end - start);
    ++line_number;
    const std::string_view t = trimmed(line);
    if (t == up_marker) {
      if (part != Part::preamble)
        return Error::usage(label + ":" + std::to_string(line_number) + ": a second \"" + std::string(up_marker) +
                            "\" line; a migration has one up part (and at most one down part after it)");
      part = Part::up;
    } else if (t == down_marker) {
      if (part == Part::preamble)
        return Error::usage(label + ":" + std::to_string(line_number) + ": \"" + std::string(down_marker) +
                            "\" before \"" + std::string(up_marker) + "\"; put the up part first");
      if (part == Part::down)
        return Error::usage(label + ":" + std::to_string(line_number) + ": a second \"" + std::string(down_marker) +
                            "\" line; a migration has at most one down part");
      part = Part::down;
      has_down = true;
    } else if (part == Part::up) {
      up.append(line).append("\n");
    } else if (part == Part::down) {
      down.append(line).append("\n");
    }
    start = end + 1;
  }
  if (part == Part::preamble)
    return Error::usage(label + ": no \"" + std::string(up_marker) +
                        "\" line; put that line before the statements the migration runs "
                        "(and optionally \"" + std::string(down_marker) + "\" before those that undo them)");
  file.up = std::move(up);
  if (has_down && !blank_sql(down)) file.down = std::move(down);
  return file;
}

}  // namespace fastcms::core::migrations
