#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "common/sha256.h"
#include "core/migrations/migration_directory.h"
#include "core/migrations/migration_file.h"
#include "support/temp_dir.h"

namespace {
namespace mig = fastcms::core::migrations;

const char* const kFileTestContent =
    "-- a comment\n-- migrate:up\nCREATE TABLE t (x TEXT);\n  -- migrate:down  \nDROP TABLE t;\n";

}  // namespace

TEST_SUITE("migrations: files") {
  TEST_CASE("a file with both parts splits at the marker lines; the checksum is the file's SHA-256") {
    auto f = mig::parse_migration("20261122030405_add_t.sql", kFileTestContent, "app/migrations/x.sql");
    if (!f.ok()) FAIL(f.error().message);
    CHECK(f->version == "20261122030405");
    CHECK(f->name == "add_t");
    CHECK(f->up == "CREATE TABLE t (x TEXT);\n");
    REQUIRE(f->down.has_value());
    CHECK(*f->down == "DROP TABLE t;\n");
    CHECK(f->checksum == fastcms::sha256_hex(kFileTestContent));
    CHECK(f->file_name() == "20261122030405_add_t.sql");
  }

  TEST_CASE("the down part is optional, and one with only comments counts as none") {
    auto only_up = mig::parse_migration("20261122030405_a.sql", "-- migrate:up\nSELECT 1;\n", "l");
    if (!only_up.ok()) FAIL(only_up.error().message);
    CHECK_FALSE(only_up->down.has_value());
    auto empty_down = mig::parse_migration("20261122030405_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n-- todo\n/* x */\n", "l");
    if (!empty_down.ok()) FAIL(empty_down.error().message);
    CHECK_FALSE(empty_down->down.has_value());
  }

  TEST_CASE("content errors name the file and the fix") {
    struct Case {
      const char* content;
      const char* expected;
    };
    for (const auto& c : {Case{"CREATE TABLE t (x);\n", "no \"-- migrate:up\" line"},
                          Case{"-- migrate:down\nx;\n-- migrate:up\n", "before \"-- migrate:up\""},
                          Case{"-- migrate:up\n-- migrate:up\n", "a second \"-- migrate:up\""},
                          Case{"-- migrate:up\n-- migrate:down\n-- migrate:down\n", "a second \"-- migrate:down\""}}) {
      CAPTURE(c.content);
      auto f = mig::parse_migration("20261122030405_a.sql", c.content, "app/migrations/20261122030405_a.sql");
      REQUIRE_FALSE(f.ok());
      CHECK_MESSAGE(f.error().message.find("app/migrations/20261122030405_a.sql") == 0, f.error().message);
      CHECK_MESSAGE(f.error().message.find(c.expected) != std::string::npos, f.error().message);
    }
  }

  TEST_CASE("file names: 14 digits of a real UTC time, '_', snake_case, .sql") {
    for (const char* bad : {"2026112203040_a.sql", "20261122030405a.sql", "20261122030405_Add.sql", "20261122030405_a.txt",
                            "20261340030405_a.sql", "20261122030405_.sql", "x20261122030405_a.sql"}) {
      CAPTURE(bad);
      auto r = mig::parse_migration_file_name(bad);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message.find("yyyymmddHHMMSS") != std::string::npos);
    }
    auto ok = mig::parse_migration_file_name("20261122030405_add_tags_2.sql");
    if (!ok.ok()) FAIL(ok.error().message);
    CHECK(ok->first == "20261122030405");
    CHECK(ok->second == "add_tags_2");
  }

  TEST_CASE("command-line names become snake_case; others are refused") {
    CHECK(*mig::snake_migration_name("Add Tags") == "add_tags");
    CHECK(*mig::snake_migration_name("posts-status") == "posts_status");
    CHECK_FALSE(mig::snake_migration_name("").ok());
    CHECK_FALSE(mig::snake_migration_name("drop;table").ok());
  }
}

TEST_SUITE("migrations: folder") {
  TEST_CASE("the folder's .sql files load sorted by version; other files are ignored") {
    fastcms::test::TempDir dir;
    const auto folder = dir.path() / "app/migrations";
    fastcms::test::write_file(folder / "20250102000000_second.sql", "-- migrate:up\nSELECT 2;\n");
    fastcms::test::write_file(folder / "20250101000000_first.sql", "-- migrate:up\nSELECT 1;\n");
    fastcms::test::write_file(folder / "README.md", "# notes\n");
    auto files = mig::load_migration_files(dir.path());
    if (!files.ok()) FAIL(files.error().message);
    REQUIRE(files->size() == 2);
    CHECK((*files)[0].name == "first");
    CHECK((*files)[1].name == "second");
    CHECK((*files)[1].label == "app/migrations/20250102000000_second.sql");
  }

  TEST_CASE("no folder means no migrations") {
    fastcms::test::TempDir dir;
    auto files = mig::load_migration_files(dir.path());
    if (!files.ok()) FAIL(files.error().message);
    CHECK(files->empty());
  }

  TEST_CASE("duplicate versions, future versions and bad names are refused together, each named") {
    fastcms::test::TempDir dir;
    const auto folder = dir.path() / "app/migrations";
    fastcms::test::write_file(folder / "20250101000000_a.sql", "-- migrate:up\n");
    fastcms::test::write_file(folder / "20250101000000_b.sql", "-- migrate:up\n");
    fastcms::test::write_file(folder / "20991231235959_later.sql", "-- migrate:up\n");
    fastcms::test::write_file(folder / "oops.sql", "-- migrate:up\n");
    fastcms::test::write_file(folder / "20250103000000_nomarker.sql", "SELECT 1;\n");
    auto files = mig::load_migration_files(dir.path());
    REQUIRE_FALSE(files.ok());
    const std::string& m = files.error().message;
    CHECK_MESSAGE(m.find("20250101000000_b.sql: version 20250101000000 is also the version of") != std::string::npos, m);
    CHECK_MESSAGE(m.find("20991231235959_later.sql: version 20991231235959 is in the future") != std::string::npos, m);
    CHECK_MESSAGE(m.find("bad migration file name \"oops.sql\"") != std::string::npos, m);
    CHECK_MESSAGE(m.find("20250103000000_nomarker.sql: no \"-- migrate:up\" line") != std::string::npos, m);
  }

  TEST_CASE("version_of is the UTC time as 14 digits") {
    using namespace std::chrono;
    CHECK(mig::version_of(system_clock::time_point(seconds(0))) == "19700101000000");
    CHECK(mig::version_of(system_clock::time_point(seconds(1795230245))) == "20261121030405");
  }
}
