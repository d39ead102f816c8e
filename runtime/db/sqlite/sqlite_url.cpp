#include "db/sqlite/sqlite_url.h"

#include <string>

namespace fastcms::db {

namespace {

constexpr std::string_view kScheme = "sqlite:";

Error bad_sqlite_url(std::string_view url, std::string_view why) {
  return Error::usage("invalid database URL \"" + std::string(url) + "\": " + std::string(why) +
                      " (expected e.g. sqlite://data/app.db, sqlite:///var/lib/app.db or sqlite::memory:)");
}

}  // namespace

bool is_sqlite_url(std::string_view url) { return url.substr(0, kScheme.size()) == kScheme; }

Result<SqliteLocation> parse_sqlite_url(std::string_view url, const std::filesystem::path& base_dir) {
  if (!is_sqlite_url(url)) return bad_sqlite_url(url, "it is not a sqlite: URL");
  std::string_view rest = url.substr(kScheme.size());
  if (rest == ":memory:" || rest == "//:memory:") return SqliteLocation::memory();

  std::string path;
  if (rest.substr(0, 3) == "///") {
    path = std::string(rest.substr(2));  // keep one '/': absolute
  } else if (rest.substr(0, 2) == "//") {
    path = std::string(rest.substr(2));  // relative to base_dir
  } else {
    path = std::string(rest);
  }
  if (path.empty()) return bad_sqlite_url(url, "it names no database file");
  if (path.back() == '/') return bad_sqlite_url(url, "it names a directory, not a database file");
  if (path.find('\0') != std::string::npos) return bad_sqlite_url(url, "it contains a NUL byte");

  std::filesystem::path p(path);
  if (p.is_relative()) p = base_dir / p;
  return SqliteLocation::file(p.lexically_normal());
}

}  // namespace fastcms::db
