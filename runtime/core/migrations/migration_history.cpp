#include "core/migrations/migration_history.h"

#include "core/collections/system_tables.h"

namespace fastcms::core::migrations {

namespace {

std::string table(const db::Dialect& d) { return d.quote_identifier(collections::migrations_table); }
std::string col(const db::Dialect& d, const char* name) { return d.quote_identifier(name); }

Status done(const Result<db::ExecResult>& r) {
  if (!r) return r.error();
  return Ok{};
}

}  // namespace

Result<std::vector<AppliedMigration>> load_applied_migrations(db::Connection& conn) {
  const auto& d = conn.dialect();
  auto rows = conn.query("SELECT " + col(d, "version") + ", " + col(d, "name") + ", " + col(d, "checksum") + ", " +
                         col(d, "applied") + ", " + col(d, "duration_ms") + " FROM " + table(d) + " ORDER BY " +
                         col(d, "version"));
  if (!rows) return rows.error();
  std::vector<AppliedMigration> out;
  for (const auto& row : *rows)
    out.push_back({row["version"].to_text(), row["name"].to_text(), row["checksum"].to_text(),
                   row["applied"].to_text(), row["duration_ms"].to_int64()});
  return out;
}

Status record_applied(db::Connection& conn, const AppliedMigration& m) {
  const auto& d = conn.dialect();
  return done(conn.exec("INSERT INTO " + table(d) + " (" + col(d, "version") + ", " + col(d, "name") + ", " +
                            col(d, "checksum") + ", " + col(d, "applied") + ", " + col(d, "duration_ms") +
                            ") VALUES (" + d.placeholder(1) + ", " + d.placeholder(2) + ", " + d.placeholder(3) +
                            ", " + d.placeholder(4) + ", " + d.placeholder(5) + ")",
                        {m.version, m.name, m.checksum, m.applied, m.duration_ms}));
}

Status forget_applied(db::Connection& conn, const std::string& version) {
  const auto& d = conn.dialect();
  return done(conn.exec("DELETE FROM " + table(d) + " WHERE " + col(d, "version") + " = " + d.placeholder(1), {version}));
}

Status update_applied_checksum(db::Connection& conn, const std::string& version, const std::string& checksum) {
  const auto& d = conn.dialect();
  return done(conn.exec("UPDATE " + table(d) + " SET " + col(d, "checksum") + " = " + d.placeholder(1) + " WHERE " +
                            col(d, "version") + " = " + d.placeholder(2),
                        {checksum, version}));
}

}  // namespace fastcms::core::migrations
