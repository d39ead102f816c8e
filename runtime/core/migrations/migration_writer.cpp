#include "core/migrations/migration_writer.h"

#include <cctype>
#include <system_error>
#include <thread>

#include "common/datetime.h"
#include "common/files.h"
#include "core/collections/schema_sync.h"
#include "core/migrations/migration_directory.h"

namespace fastcms::core::migrations {
namespace fs = std::filesystem;

namespace {

const char* const how_it_runs =
    "-- `fastcms migrate up` runs the statements after \"-- migrate:up\" in one transaction together\n"
    "-- with recording this migration in _migrations, so a failing statement leaves the database as it\n"
    "-- was; `fastcms migrate down` runs those after \"-- migrate:down\" the same way. Do not edit this\n"
    "-- file once it has been applied: `fastcms migrate status` then reports it as modified and `up`\n"
    "-- stops until `fastcms migrate repair` accepts the edit.\n";

std::string statements(const std::vector<std::string>& list) {
  std::string out;
  for (std::string sql : list) {
    while (!sql.empty() && (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) sql.pop_back();
    out += sql + ";\n";
  }
  return out;
}

std::string commented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += "--   " + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string blank_migration_text(std::string_view name) {
  return "-- Migration " + std::string(name) + ", created " + datetime::now() + ".\n--\n" +
         "-- Write the statements that change the database after \"-- migrate:up\" and, optionally, those\n"
         "-- that undo them after \"-- migrate:down\".\n" +
         how_it_runs +
         "-- To change collections, edit app/collections/ and run `fastcms migrate create NAME --auto`\n"
         "-- instead: it writes the tables and the _collections rows the server reads.\n\n"
         "-- migrate:up\n\n\n-- migrate:down\n\n";
}

std::string auto_migration_text(std::string_view name, const AutoMigration& migration) {
  collections::SyncReport changes = migration.report;
  changes.unmanaged.clear();
  return "-- Migration " + std::string(name) + ", written by fastcms on " + datetime::now() +
         " from the differences\n-- between app/collections/ and the database:\n" +
         commented(collections::format_sync_report(changes)) + "--\n" + how_it_runs +
         "-- The _collections rows are the collection definitions the server reads; keep them in step\n"
         "-- with the tables.\n\n-- migrate:up\n" +
         statements(migration.up) + "\n-- migrate:down\n" + statements(migration.down);
}

Result<std::string> write_new_migration(const fs::path& root, std::string_view name, const std::string& content) {
  auto existing = load_migration_files(root);
  if (!existing) return existing.error();
  std::string version = version_of(std::chrono::system_clock::now());
  if (!existing->empty() && existing->back().version >= version) {
    // Same second as the latest one (it cannot be later: load_migration_files refuses
    // future versions); the next second gives a unique, increasing version.
    std::this_thread::sleep_for(std::chrono::milliseconds(1050));
    version = version_of(std::chrono::system_clock::now());
  }
  const fs::path dir = migrations_dir(root);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::failure("cannot create " + dir.string() + ": " + ec.message());
  const std::string file_name = migration_file_name(version, name);
  if (fs::exists(dir / file_name)) return Error::failure((dir / file_name).string() + " already exists");
  if (auto st = fastcms::files::write_atomic(dir / file_name, content); !st) return st.error();
  return (fs::path("app") / "migrations" / file_name).string();
}

}  // namespace fastcms::core::migrations
