#include "db/sqlite/sqlite_snapshot.h"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace fastcms::db {

namespace {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqlitePtr = std::unique_ptr<sqlite3, SqliteCloser>;

Result<SqlitePtr> open_file(const std::filesystem::path& file, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  SqlitePtr db(raw);
  if (rc != SQLITE_OK)
    return Error::failure(file.string() + ": cannot open database: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

}  // namespace

Status snapshot_sqlite_file(const std::filesystem::path& source, const std::filesystem::path& destination) {
  auto from = open_file(source, SQLITE_OPEN_READONLY);
  if (!from.ok()) return from.error();
  auto to = open_file(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to.ok()) return to.error();
  sqlite3_backup* backup = sqlite3_backup_init(to->get(), "main", from->get(), "main");
  if (!backup) return Error::failure("cannot start the backup of " + source.string() + ": " + sqlite3_errmsg(to->get()));
  int rc;
  do {
    rc = sqlite3_backup_step(backup, -1);  // every page in one step: one consistent snapshot
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    return Error::failure("backup of " + source.string() + " failed: " + sqlite3_errstr(rc));
  char* message = nullptr;
  if (sqlite3_exec(to->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message) != SQLITE_OK) {
    std::string reason = message ? message : "unknown error";
    sqlite3_free(message);
    return Error::failure(destination.string() + ": " + reason);
  }
  return Ok{};
}

Status check_sqlite_integrity(const std::filesystem::path& file) {
  auto db = open_file(file, SQLITE_OPEN_READONLY);
  if (!db.ok()) return db.error();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db->get(), "PRAGMA integrity_check(10)", -1, &stmt, nullptr) != SQLITE_OK)
    return Error::failure(file.string() + " is not a valid SQLite database: " + sqlite3_errmsg(db->get()));
  std::string findings;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    if (!findings.empty()) findings += "; ";
    findings += text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE)
    return Error::failure(file.string() + " is not a valid SQLite database: " + sqlite3_errmsg(db->get()));
  if (findings != "ok") return Error::failure(file.string() + " failed the integrity check: " + findings);
  return Ok{};
}

}  // namespace fastcms::db
