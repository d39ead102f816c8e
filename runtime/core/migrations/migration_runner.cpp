#include "core/migrations/migration_runner.h"

#include <algorithm>
#include <chrono>

#include "common/datetime.h"
#include "common/strings.h"
#include "core/collections/schema_store.h"
#include "core/migrations/locked_database.h"
#include "core/migrations/migration_history.h"
#include "core/migrations/migration_status.h"
#include "db/db_error.h"

namespace fastcms::core::migrations {

namespace {

/// Runs `sql`, then checks the collection definitions are still readable; the time the
/// statements took.
Result<std::int64_t> run_part(db::Connection& tx, const std::string& sql) {
  const auto started = std::chrono::steady_clock::now();
  if (auto s = tx.exec_script(sql); !s) return s.error();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (auto schema = collections::load_schema(tx); !schema)
    return Error::failure("the migration leaves a collection definition in _collections unreadable: " +
                          schema.error().message);
  return static_cast<std::int64_t>(took.count());
}

Error failed(const MigrationFile& file, const char* part, const Error& error, size_t earlier) {
  if (db::classify_db_error(error) == db::DbErrorKind::busy) return with_lock_hint(error);
  std::string message = file.label + " (" + part + ") failed and was rolled back; the database is as it was before it.\n  " +
                        error.message + "\n  Fix the file and run `fastcms migrate " + part + "` again.";
  if (earlier > 0)
    message += "\n  (" + std::to_string(earlier) + " migration(s) before it in this run were completed and stay.)";
  return Error::failure(message);
}

std::string names(const std::vector<const MigrationStatus*>& entries) {
  std::vector<std::string> out;
  for (const auto* s : entries)
    out.push_back("  " + migration_file_name(s->version, s->name) + ": " + to_string(s->state));
  return strings::join(out, "\n");
}

}  // namespace

Result<std::vector<MigrationRun>> migrate_up(db::Connection& conn, const std::vector<MigrationFile>& files,
                                             const std::optional<std::string>& to) {
  auto applied = load_applied_migrations(conn);
  if (!applied) return with_lock_hint(applied.error());
  const auto status = migration_status(files, *applied);
  if (auto bad = drifted(status); !bad.empty())
    return Error::failure(
        "applied migrations changed since they ran, so `up` will not run anything:\n" + names(bad) +
        "\nRestore the file(s), or accept the change deliberately with `fastcms migrate repair`, then run "
        "`fastcms migrate up` again.");
  if (to && std::none_of(files.begin(), files.end(), [&](const MigrationFile& f) { return f.version == *to; }))
    return Error::usage("--to " + *to + ": no migration file has that version (see `fastcms migrate status`)");

  std::vector<MigrationRun> ran;
  for (const auto& s : status) {
    if (s.state != MigrationState::pending || (to && s.version > *to)) continue;
    const MigrationFile& file = *s.file;
    std::int64_t duration = 0;
    auto st = conn.transaction([&](db::Connection& tx) -> Status {
      auto took = run_part(tx, file.up);
      if (!took) return took.error();
      duration = *took;
      return record_applied(tx, {file.version, file.name, file.checksum, datetime::now(), duration});
    });
    if (!st) return failed(file, "up", st.error(), ran.size());
    ran.push_back({file.version, file.name, file.label, duration});
  }
  return ran;
}

Result<std::vector<MigrationRun>> migrate_down(db::Connection& conn, const std::vector<MigrationFile>& files,
                                               const DownTarget& target) {
  auto applied = load_applied_migrations(conn);
  if (!applied) return with_lock_hint(applied.error());
  const auto status = migration_status(files, *applied);
  std::vector<const MigrationStatus*> recorded;
  for (auto it = status.rbegin(); it != status.rend(); ++it)
    if (it->applied) recorded.push_back(&*it);

  std::vector<const MigrationStatus*> chosen;
  if (target.to) {
    const bool all = *target.to == "0";
    if (!all && std::none_of(recorded.begin(), recorded.end(), [&](auto* s) { return s->version == *target.to; }))
      return Error::usage("--to " + *target.to +
                          ": no applied migration has that version (see `fastcms migrate status`; --to 0 undoes all)");
    for (auto* s : recorded)
      if (all || s->version > *target.to) chosen.push_back(s);
  } else {
    if (target.steps < 1) return Error::usage("--steps must be at least 1");
    for (auto* s : recorded)
      if (chosen.size() < static_cast<size_t>(target.steps)) chosen.push_back(s);
  }

  std::vector<std::string> problems;
  for (const auto* s : chosen) {
    const std::string file = migration_file_name(s->version, s->name);
    if (s->state == MigrationState::missing_file)
      problems.push_back(file + ": the file is missing, so there is nothing to undo it with; restore it");
    else if (s->state == MigrationState::modified)
      problems.push_back(file + ": modified since it was applied; restore it, or accept the edit with "
                                "`fastcms migrate repair` first");
    else if (!s->file->down)
      problems.push_back(s->file->label + ": has no down part; write the statements that undo it after a \"" +
                         std::string(down_marker) + "\" line");
  }
  if (!problems.empty())
    return Error::failure("cannot roll back, nothing was changed:\n  " + strings::join(problems, "\n  "));

  std::vector<MigrationRun> ran;
  for (const auto* s : chosen) {
    const MigrationFile& file = *s->file;
    std::int64_t duration = 0;
    auto st = conn.transaction([&](db::Connection& tx) -> Status {
      auto took = run_part(tx, *file.down);
      if (!took) return took.error();
      duration = *took;
      return forget_applied(tx, file.version);
    });
    if (!st) return failed(file, "down", st.error(), ran.size());
    ran.push_back({file.version, file.name, file.label, duration});
  }
  return ran;
}

Status require_up_to_date(db::Connection& conn, const std::vector<MigrationFile>& files) {
  auto applied = load_applied_migrations(conn);
  if (!applied) return with_lock_hint(applied.error());
  std::vector<std::string> waiting;
  for (const auto& s : migration_status(files, *applied))
    if (s.state != MigrationState::applied)
      waiting.push_back(migration_file_name(s.version, s.name) + " (" + to_string(s.state) + ")");
  if (waiting.empty()) return Ok{};
  return Error::failure("these migrations must be resolved first: " + strings::join(waiting, ", ") +
                        ". Run `fastcms migrate up` (or `fastcms migrate repair` for modified or missing files).");
}

Result<std::vector<Repair>> repair_migrations(db::Connection& conn, const std::vector<MigrationFile>& files) {
  std::vector<Repair> out;
  auto st = conn.transaction([&](db::Connection& tx) -> Status {
    auto applied = load_applied_migrations(tx);
    if (!applied) return applied.error();
    const auto status = migration_status(files, *applied);
    for (const auto* s : drifted(status)) {
      if (s->state == MigrationState::modified) {
        if (auto r = update_applied_checksum(tx, s->version, s->file->checksum); !r) return r;
        out.push_back({s->version, s->name, "accepted the modified file"});
      } else {
        if (auto r = forget_applied(tx, s->version); !r) return r;
        out.push_back({s->version, s->name, "forgot the missing file"});
      }
    }
    return Ok{};
  });
  if (!st) return with_lock_hint(st.error());
  return out;
}

}  // namespace fastcms::core::migrations
