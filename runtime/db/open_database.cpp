#include "db/open_database.h"

#include <string>

#include "db/sqlite/sqlite_database.h"
#include "db/sqlite/sqlite_url.h"

namespace fastcms::db {

Result<std::unique_ptr<Database>> open_database(std::string_view url, const std::filesystem::path& base_dir,
                                                const DatabaseOptions& options) {
  if (is_sqlite_url(url)) {
    auto where = parse_sqlite_url(url, base_dir);
    if (!where) return where.error();
    auto db = SqliteDatabase::open(*where, options);
    if (!db) return db.error();
    return std::unique_ptr<Database>(std::move(*db));
  }
  // Only the scheme is shown: the rest of a server URL may hold a password.
  std::string scheme(url.substr(0, url.find(':')));
  if (scheme == "postgres" || scheme == "postgresql")
    return Error::usage("PostgreSQL databases are not supported yet (database URL scheme " + scheme + ":)");
  return Error::usage("unsupported database URL scheme \"" + scheme + ":\" (expected e.g. sqlite://data/app.db)");
}

}  // namespace fastcms::db
