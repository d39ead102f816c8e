#include <doctest/doctest.h>

#include <string>

#include "core/collections/system_tables.h"
#include "core/migrations/collection_file_migration.h"
#include "core/migrations/migration_directory.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
namespace mig = fastcms::core::migrations;
namespace fs = std::filesystem;

const char* const kDevNotes = "name: notes\nfields:\n  - { name: title, type: text }\n";

struct DevProject {
  fastcms::test::TempDir dir;
  std::unique_ptr<fastcms::db::SqliteDatabase> db = fastcms::test::open_test_sqlite(dir.path() / "data.db");
  DevProject() {
    if (auto st = fastcms::core::collections::ensure_system_tables(*db); !st.ok()) FAIL(st.error().message);
  }
  void collection(const std::string& content) { fastcms::test::write_file(dir.path() / "app/collections/notes.yaml", content); }
  size_t migration_count() {
    auto files = mig::load_migration_files(dir.path());
    if (!files.ok()) FAIL(files.error().message);
    return files->size();
  }
};

}  // namespace

TEST_SUITE("migrations: dev applies collection files as migrations") {
  TEST_CASE("a change is written as a migration and applied; no change writes nothing") {
    DevProject p;
    p.collection(kDevNotes);
    auto first = mig::migrate_collection_files(*p.db, p.dir.path());
    if (!first.ok()) FAIL(first.error().message);
    CHECK(first->written.rfind("app/migrations/", 0) == 0);
    CHECK(first->written.find("_create_notes.sql") != std::string::npos);
    CHECK(p.migration_count() == 1);
    REQUIRE(p.db->exec("INSERT INTO notes (id, title) VALUES ('r1', 'kept')").ok());

    auto again = mig::migrate_collection_files(*p.db, p.dir.path());
    if (!again.ok()) FAIL(again.error().message);
    CHECK(again->written.empty());
    CHECK_FALSE(again->report.changed());

    p.collection(std::string(kDevNotes) + "  - { name: body, type: text }\n");
    auto altered = mig::migrate_collection_files(*p.db, p.dir.path());
    if (!altered.ok()) FAIL(altered.error().message);
    CHECK(altered->written.find("_update_notes.sql") != std::string::npos);
    CHECK(p.migration_count() == 2);
    CHECK(p.db->query_value("SELECT title || body FROM notes")->to_text() == "kept");
  }

  TEST_CASE("a data-losing change, a pending migration or an invalid file applies nothing") {
    DevProject p;
    p.collection(kDevNotes);
    REQUIRE(mig::migrate_collection_files(*p.db, p.dir.path()).ok());
    REQUIRE(p.db->exec("INSERT INTO notes (id, title) VALUES ('r1', 'kept')").ok());

    p.collection("name: notes\nfields:\n  - { name: title, type: number }\n");
    auto lossy = mig::migrate_collection_files(*p.db, p.dir.path());
    REQUIRE_FALSE(lossy.ok());
    CHECK(lossy.error().message.find("would lose data") != std::string::npos);
    CHECK(lossy.error().message.find("--auto --yes") != std::string::npos);
    CHECK(p.migration_count() == 1);

    p.collection("name: notes\nfields:\n  - { name: title, type: txt }\n");
    auto invalid = mig::migrate_collection_files(*p.db, p.dir.path());
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error().message.find("app/collections/notes.yaml") != std::string::npos);

    p.collection(std::string(kDevNotes) + "  - { name: body, type: text }\n");
    fastcms::test::write_file(p.dir.path() / "app/migrations/20250101000000_manual.sql", "-- migrate:up\n");
    auto pending = mig::migrate_collection_files(*p.db, p.dir.path());
    REQUIRE_FALSE(pending.ok());
    CHECK(pending.error().message.find("20250101000000_manual.sql (pending)") != std::string::npos);
    CHECK(p.migration_count() == 2);
    CHECK(p.db->query_value("SELECT COUNT(*) FROM pragma_table_info('notes') WHERE name = 'body'")->to_int64() == 0);
  }
}
