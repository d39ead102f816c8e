#include <doctest/doctest.h>

#include <string>

#include "core/collections/system_tables.h"
#include "core/migrations/migration_directory.h"
#include "core/migrations/migration_history.h"
#include "core/migrations/migration_runner.h"
#include "core/migrations/migration_status.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
namespace mig = fastcms::core::migrations;
namespace fs = std::filesystem;

/// A project folder with a database file beside it, its system tables created.
struct RunnerProject {
  fastcms::test::TempDir dir;
  fs::path db_file = dir.path() / "data.db";

  void write(const std::string& file_name, const std::string& content) {
    fastcms::test::write_file(dir.path() / "app/migrations" / file_name, content);
  }
  std::vector<mig::MigrationFile> files() {
    auto f = mig::load_migration_files(dir.path());
    if (!f.ok()) FAIL(f.error().message);
    return *f;
  }
  std::unique_ptr<fastcms::db::SqliteDatabase> open() {
    auto db = fastcms::test::open_test_sqlite(db_file);
    if (auto st = fastcms::core::collections::ensure_system_tables(*db); !st.ok()) FAIL(st.error().message);
    return db;
  }
};

const char* const kRunnerFirst = "-- migrate:up\nCREATE TABLE a (x TEXT);\nINSERT INTO a VALUES ('one');\n-- migrate:down\nDROP TABLE a;\n";
const char* const kRunnerSecond = "-- migrate:up\nCREATE TABLE b (y TEXT);\n-- migrate:down\nDROP TABLE b;\n";

std::vector<std::string> runner_states(fastcms::db::Connection& db, const std::vector<mig::MigrationFile>& files) {
  auto applied = mig::load_applied_migrations(db);
  if (!applied.ok()) FAIL(applied.error().message);
  std::vector<std::string> out;
  for (const auto& s : mig::migration_status(files, *applied)) out.push_back(s.version + " " + mig::to_string(s.state));
  return out;
}

bool runner_has_table(fastcms::db::Connection& db, const std::string& name) {
  auto n = db.query_value("SELECT COUNT(*) FROM sqlite_master WHERE name = ?1", {name});
  if (!n.ok()) FAIL(n.error().message);
  return n->to_int64() == 1;
}

}  // namespace

TEST_SUITE("migrations: runner") {
  TEST_CASE("pending → applied → rolled back, with the history rows and checksums") {
    RunnerProject p;
    p.write("20250101000000_first.sql", kRunnerFirst);
    p.write("20250102000000_second.sql", kRunnerSecond);
    auto db = p.open();
    auto files = p.files();
    CHECK(runner_states(*db, files) == std::vector<std::string>{"20250101000000 pending", "20250102000000 pending"});

    auto up = mig::migrate_up(*db, files, std::string("20250101000000"));
    if (!up.ok()) FAIL(up.error().message);
    REQUIRE(up->size() == 1);
    CHECK((*up)[0].label == "app/migrations/20250101000000_first.sql");
    CHECK(runner_states(*db, files) == std::vector<std::string>{"20250101000000 applied", "20250102000000 pending"});
    auto history = mig::load_applied_migrations(*db);
    REQUIRE(history->size() == 1);
    CHECK((*history)[0].name == "first");
    CHECK((*history)[0].checksum == files[0].checksum);
    CHECK_FALSE((*history)[0].applied.empty());

    up = mig::migrate_up(*db, files);
    if (!up.ok()) FAIL(up.error().message);
    CHECK(up->size() == 1);
    CHECK(runner_has_table(*db, "b"));
    up = mig::migrate_up(*db, files);
    CHECK(up->empty());

    auto down = mig::migrate_down(*db, files, {});
    if (!down.ok()) FAIL(down.error().message);
    REQUIRE(down->size() == 1);
    CHECK((*down)[0].version == "20250102000000");
    CHECK_FALSE(runner_has_table(*db, "b"));
    CHECK(runner_states(*db, files) == std::vector<std::string>{"20250101000000 applied", "20250102000000 pending"});

    REQUIRE(mig::migrate_up(*db, files).ok());
    down = mig::migrate_down(*db, files, {1, std::string("0")});
    if (!down.ok()) FAIL(down.error().message);
    CHECK(down->size() == 2);
    CHECK_FALSE(runner_has_table(*db, "a"));
    REQUIRE(mig::migrate_up(*db, files).ok());
    down = mig::migrate_down(*db, files, {2, std::nullopt});
    CHECK(down->size() == 2);
  }

  TEST_CASE("--to must name a known version") {
    RunnerProject p;
    p.write("20250101000000_first.sql", kRunnerFirst);
    auto db = p.open();
    auto up = mig::migrate_up(*db, p.files(), std::string("20240101000000"));
    REQUIRE_FALSE(up.ok());
    CHECK(up.error().message.find("--to 20240101000000") != std::string::npos);
    auto down = mig::migrate_down(*db, p.files(), {1, std::string("20250101000000")});
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().message.find("no applied migration has that version") != std::string::npos);
  }

  TEST_CASE("a failure in the middle of a migration leaves the database file byte-identical") {
    RunnerProject p;
    p.write("20250101000000_first.sql", kRunnerFirst);
    {
      auto db = p.open();
      REQUIRE(mig::migrate_up(*db, p.files()).ok());
      REQUIRE(db->close().ok());
    }
    const std::string before = fastcms::test::read_file(p.db_file);
    p.write("20250102000000_broken.sql",
            "-- migrate:up\nCREATE TABLE c (z TEXT);\nINSERT INTO a VALUES ('two');\nINSERT INTO nope VALUES (1);\n"
            "CREATE TABLE d (w TEXT);\n");
    {
      auto db = p.open();
      auto up = mig::migrate_up(*db, p.files());
      REQUIRE_FALSE(up.ok());
      const std::string& m = up.error().message;
      CHECK_MESSAGE(m.find("app/migrations/20250102000000_broken.sql (up) failed and was rolled back") == 0, m);
      CHECK_MESSAGE(m.find("no such table: nope") != std::string::npos, m);
      CHECK_MESSAGE(m.find("INSERT INTO nope VALUES (1)") != std::string::npos, m);
      CHECK_FALSE(runner_has_table(*db, "c"));
      CHECK(runner_states(*db, p.files()).back() == "20250102000000 pending");
      REQUIRE(db->close().ok());
    }
    CHECK(fastcms::test::read_file(p.db_file) == before);
  }

  TEST_CASE("a migration that breaks a collection definition fails like a statement") {
    RunnerProject p;
    p.write("20250101000000_bad_def.sql",
            "-- migrate:up\nINSERT INTO _collections (id, name, type, system, definition) "
            "VALUES ('x1', 'x', 'base', FALSE, 'not json');\n");
    auto db = p.open();
    auto up = mig::migrate_up(*db, p.files());
    REQUIRE_FALSE(up.ok());
    CHECK_MESSAGE(up.error().message.find("unreadable") != std::string::npos, up.error().message);
    auto n = db->query_value("SELECT COUNT(*) FROM _collections WHERE id = 'x1'");
    CHECK(n->to_int64() == 0);
  }

  TEST_CASE("drift: a modified or missing applied file blocks up until repaired") {
    RunnerProject p;
    p.write("20250101000000_first.sql", kRunnerFirst);
    p.write("20250102000000_second.sql", kRunnerSecond);
    auto db = p.open();
    REQUIRE(mig::migrate_up(*db, p.files()).ok());
    p.write("20250101000000_first.sql", std::string(kRunnerFirst) + "-- edited\n");
    fs::remove(p.dir.path() / "app/migrations/20250102000000_second.sql");
    p.write("20250103000000_third.sql", "-- migrate:up\nCREATE TABLE c (z TEXT);\n");
    auto files = p.files();
    CHECK(runner_states(*db, files) == std::vector<std::string>{"20250101000000 modified", "20250102000000 missing-file",
                                                                "20250103000000 pending"});
    auto up = mig::migrate_up(*db, files);
    REQUIRE_FALSE(up.ok());
    CHECK(up.error().message.find("20250101000000_first.sql: modified") != std::string::npos);
    CHECK(up.error().message.find("20250102000000_second.sql: missing-file") != std::string::npos);
    CHECK(up.error().message.find("fastcms migrate repair") != std::string::npos);
    CHECK_FALSE(runner_has_table(*db, "c"));

    auto down = mig::migrate_down(*db, files, {2, std::nullopt});
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().message.find("the file is missing") != std::string::npos);

    auto repaired = mig::repair_migrations(*db, files);
    if (!repaired.ok()) FAIL(repaired.error().message);
    REQUIRE(repaired->size() == 2);
    CHECK((*repaired)[0].action == "accepted the modified file");
    CHECK((*repaired)[1].action == "forgot the missing file");
    CHECK(runner_states(*db, files) == std::vector<std::string>{"20250101000000 applied", "20250103000000 pending"});
    CHECK(mig::repair_migrations(*db, files)->empty());
    REQUIRE(mig::migrate_up(*db, files).ok());
    CHECK(runner_has_table(*db, "c"));
  }

  TEST_CASE("down refuses a migration without a down part, running nothing") {
    RunnerProject p;
    p.write("20250101000000_first.sql", kRunnerFirst);
    p.write("20250102000000_oneway.sql", "-- migrate:up\nCREATE TABLE c (z TEXT);\n");
    auto db = p.open();
    REQUIRE(mig::migrate_up(*db, p.files()).ok());
    auto down = mig::migrate_down(*db, p.files(), {2, std::nullopt});
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().message.find("20250102000000_oneway.sql: has no down part") != std::string::npos);
    CHECK(runner_has_table(*db, "a"));
    CHECK(runner_has_table(*db, "c"));
  }

  TEST_CASE("status JSON lists every state and a summary") {
    RunnerProject p;
    p.write("20250101000000_first.sql", kRunnerFirst);
    p.write("20250102000000_second.sql", kRunnerSecond);
    auto db = p.open();
    REQUIRE(mig::migrate_up(*db, p.files(), std::string("20250101000000")).ok());
    auto applied = mig::load_applied_migrations(*db);
    auto files = p.files();
    auto json = mig::status_json(mig::migration_status(files, *applied));
    REQUIRE(json["migrations"].size() == 2);
    CHECK(json["migrations"][0]["state"] == "applied");
    CHECK(json["migrations"][0]["file"] == "app/migrations/20250101000000_first.sql");
    CHECK(json["migrations"][0]["hasDown"] == true);
    CHECK(json["migrations"][0]["appliedChecksum"] == files[0].checksum);
    CHECK(json["migrations"][1]["state"] == "pending");
    CHECK(json["migrations"][1]["applied"].is_null());
    CHECK(json["summary"] == nlohmann::json{{"applied", 1}, {"pending", 1}, {"modified", 0}, {"missingFile", 0}});
  }
}
