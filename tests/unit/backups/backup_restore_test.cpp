#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "common/random.h"
#include "core/backups/archive_verifier.h"
#include "core/backups/archive_writer.h"
#include "core/backups/backup_store.h"
#include "core/backups/restore_swap.h"
#include "core/backups/server_lock.h"
#include "db/sqlite/sqlite_snapshot.h"
#include "support/temp_dir.h"
#include "support/test_database.h"
#include "support/zip_craft.h"

namespace fs = std::filesystem;
namespace backups = fastcms::core::backups;
using fastcms::test::read_file;
using fastcms::test::snapshot_tree;
using fastcms::test::TempDir;
using fastcms::test::write_file;
using fastcms::test::ZipEntry;

namespace {

struct BackupTestProject {
  fs::path root;
  backups::BackupLayout layout;
};

BackupTestProject make_backup_test_project(const TempDir& dir) {
  fs::path root = dir / "proj";
  write_file(root / "fastcms.config.json", "{\"name\":\"proj\"}\n");
  write_file(root / "app/collections/notes.json", "{\"name\":\"notes\",\"type\":\"base\",\"fields\":[]}\n");
  write_file(root / "app/migrations/20260101000000_init.sql", "-- up\n");
  write_file(root / "data/storage/pbc_1/rec1/a.txt", "hello storage");
  write_file(root / "data/storage/pbc_1/rec1/b.bin", fastcms::random::bytes(200000));
  {
    auto db = fastcms::test::open_test_sqlite(root / "data/app.db");
    REQUIRE(db->exec_script("CREATE TABLE items (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL);"
                            "CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);")
                .ok());
    REQUIRE(db->close().ok());
  }
  return {root, backups::BackupLayout{root, root / "data", "app.db"}};
}

/// Items and the counter a writer keeps equal in every transaction.
std::pair<long long, long long> backup_test_counts(const fs::path& db_file) {
  auto db = fastcms::test::open_test_sqlite(db_file);
  auto items = db->query_value("SELECT count(*) FROM items");
  auto counter = db->query_value("SELECT n FROM counter");
  REQUIRE(items.ok());
  REQUIRE(counter.ok());
  std::pair<long long, long long> out{items->to_int64(), counter->to_int64()};
  REQUIRE(db->close().ok());
  return out;
}

void expect_refused(const BackupTestProject& p, const fs::path& zip, const std::string& reason) {
  std::string before = snapshot_tree(p.root);
  auto restored = backups::restore_backup(p.layout, zip);
  REQUIRE_FALSE(restored.ok());
  CHECK_MESSAGE(restored.error().message.find(reason) != std::string::npos, restored.error().message);
  CHECK(snapshot_tree(p.root) == before);  // live data byte-identical, no staging left behind
}

/// The real database file of the project, as an archive entry.
ZipEntry backup_test_database_entry(const BackupTestProject& p, const TempDir& dir) {
  fs::path copy = dir / "db-copy";
  fs::remove(copy);
  REQUIRE(fastcms::db::snapshot_sqlite_file(p.layout.data_dir / "app.db", copy).ok());
  return {"app.db", read_file(copy), ""};
}

fs::path crafted_backup(const BackupTestProject& p, const std::string& name, std::vector<ZipEntry> files,
                        bool with_manifest = true, bool store = false) {
  fs::path zip = p.layout.backups_dir() / name;
  fs::create_directories(zip.parent_path());
  std::vector<ZipEntry> entries = files;
  if (with_manifest) entries.push_back({backups::manifest_entry, fastcms::test::manifest_for(files, "app.db"), ""});
  fastcms::test::write_zip(zip, entries, store);
  return zip;
}

}  // namespace

TEST_SUITE("backups") {
  TEST_CASE("a backup taken under concurrent writes restores consistently, files byte-identical") {
    TempDir dir;
    auto p = make_backup_test_project(dir);
    std::string storage_before = snapshot_tree(p.layout.data_dir / "storage");
    std::string collections_before = snapshot_tree(p.root / "app");
    fs::path zip = p.layout.backups_dir() / "under_load.zip";
    {
      auto db = fastcms::test::open_test_sqlite(p.layout.data_dir / "app.db");
      std::atomic<bool> stop{false};
      std::atomic<int> transactions{0};
      std::thread writer([&] {
        for (int batch = 0; !stop; ++batch) {
          auto st = db->transaction([&](fastcms::db::Connection& tx) -> fastcms::Status {
            for (int i = 0; i < 3; ++i)
              if (auto r = tx.exec("INSERT INTO items (batch) VALUES (?1)", {batch}); !r.ok()) return r.error();
            if (auto r = tx.exec("UPDATE counter SET n = n + 3"); !r.ok()) return r.error();
            return fastcms::Ok{};
          });
          if (st.ok()) ++transactions;
        }
      });
      auto wait_for = [&](int count) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (transactions < count && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
        return transactions >= count;
      };
      CHECK(wait_for(50));
      auto created = backups::create_backup(p.layout, zip);
      int during = transactions;
      CHECK(wait_for(during + 50));  // writes went on after the snapshot
      stop = true;
      writer.join();
      if (!created.ok()) FAIL(created.error().message);
      CHECK(created->files == 6);  // db, 2 storage files, config, collection, migration
      REQUIRE(db->close().ok());
    }
    auto live = backup_test_counts(p.layout.data_dir / "app.db");
    CHECK(live.first == live.second);

    // The user's mistakes after the backup: a lost file, an edited collection, more rows.
    fs::remove(p.layout.data_dir / "storage/pbc_1/rec1/a.txt");
    write_file(p.root / "app/collections/notes.json", "{\"name\":\"notes\",\"type\":\"base\",\"fields\":[{}]}");
    write_file(p.layout.data_dir / "storage/new.txt", "added later");

    auto restored = backups::restore_backup(p.layout, zip);
    if (!restored.ok()) FAIL(restored.error().message);
    CHECK(snapshot_tree(p.layout.data_dir / "storage") == storage_before);
    CHECK(snapshot_tree(p.root / "app") == collections_before);
    CHECK(fs::exists(zip));  // data/backups is carried over
    CHECK(fastcms::db::check_sqlite_integrity(p.layout.data_dir / "app.db").ok());
    auto restored_counts = backup_test_counts(p.layout.data_dir / "app.db");
    CHECK(restored_counts.first == restored_counts.second);  // one transaction boundary, never half of one
    CHECK(restored_counts.first > 0);
    CHECK(restored_counts.first < live.first);
    for (const auto& entry : fs::directory_iterator(p.root))  // no staging folder left
      CHECK_MESSAGE(entry.path().filename().string().find(".tmp-") == std::string::npos, entry.path().string());
  }

  TEST_CASE("create_backup refuses to overwrite and leaves no partial file") {
    TempDir dir;
    auto p = make_backup_test_project(dir);
    fs::path zip = dir / "out.zip";
    write_file(zip, "existing");
    auto created = backups::create_backup(p.layout, zip);
    REQUIRE_FALSE(created.ok());
    CHECK(read_file(zip) == "existing");
    fs::remove(p.layout.data_dir / "app.db");
    auto missing = backups::create_backup(p.layout, dir / "other.zip");
    REQUIRE_FALSE(missing.ok());
    CHECK_FALSE(fs::exists(dir / "other.zip"));
    CHECK(snapshot_tree(dir.path()).find(".tmp-") == std::string::npos);
  }

  TEST_CASE("truncated, corrupted and tampered archives are refused with the live data untouched") {
    TempDir dir;
    auto p = make_backup_test_project(dir);
    fs::path good = dir / "good.zip";
    REQUIRE(backups::create_backup(p.layout, good).ok());
    ZipEntry database = backup_test_database_entry(p, dir);

    SUBCASE("truncated") {
      std::string bytes = read_file(good);
      fs::path zip = p.layout.backups_dir() / "truncated.zip";
      write_file(zip, bytes.substr(0, bytes.size() / 2));
      expect_refused(p, zip, "refusing the backup");
    }
    SUBCASE("only the central directory cut off (every entry intact)") {
      std::string bytes = read_file(good);
      fs::path zip = p.layout.backups_dir() / "cut.zip";
      write_file(zip, bytes.substr(0, bytes.size() - 100));
      expect_refused(p, zip, "refusing the backup");
    }
    SUBCASE("a flipped byte in an entry") {
      std::string payload(4000, 'x');
      fs::path zip = crafted_backup(p, "corrupted.zip", {database, {"storage/f.txt", payload, ""}}, true, true);
      std::string bytes = read_file(zip);
      auto at = bytes.find(payload);
      REQUIRE(at != std::string::npos);
      bytes[at + 100] = 'y';
      write_file(zip, bytes);
      expect_refused(p, zip, "refusing the backup");
    }
    SUBCASE("content that does not match the manifest's checksum") {
      fs::path zip = p.layout.backups_dir() / "tampered.zip";
      std::vector<ZipEntry> listed = {database, {"storage/f.txt", "original", ""}};
      fastcms::test::write_zip(zip, {database, {"storage/f.txt", "modified", ""},
                                     {backups::manifest_entry, fastcms::test::manifest_for(listed, "app.db"), ""}});
      expect_refused(p, zip, "storage/f.txt does not match its SHA-256 checksum");
    }
    SUBCASE("a file missing from the manifest") {
      fs::path zip = p.layout.backups_dir() / "unlisted.zip";
      fastcms::test::write_zip(zip, {database, {"storage/extra.txt", "x", ""},
                                     {backups::manifest_entry, fastcms::test::manifest_for({database}, "app.db"), ""}});
      expect_refused(p, zip, "storage/extra.txt is not listed in the manifest");
    }
    SUBCASE("no manifest") {
      expect_refused(p, crafted_backup(p, "bare.zip", {database}, false), "not a fastcms backup");
    }
    SUBCASE("a database that fails the integrity check") {
      std::string broken = database.content;
      for (std::size_t i = 4096; i < broken.size() && i < 4096 + 2000; ++i) broken[i] = '\x7f';
      expect_refused(p, crafted_backup(p, "baddb.zip", {{"app.db", broken, ""}}), "app.db");
    }
    SUBCASE("not a zip at all") {
      fs::path zip = p.layout.backups_dir() / "text.zip";
      write_file(zip, "just some text");
      expect_refused(p, zip, "refusing the backup");
    }
    SUBCASE("path traversal") {
      expect_refused(p, crafted_backup(p, "dotdot.zip", {database, {"../escaped.txt", "x", ""}}), "leaves the project");
      expect_refused(p, crafted_backup(p, "nested.zip", {database, {"storage/../../escaped.txt", "x", ""}}),
                     "leaves the project");
      CHECK_FALSE(fs::exists(dir / "escaped.txt"));
      CHECK_FALSE(fs::exists(p.root / "escaped.txt"));
    }
    SUBCASE("absolute path") {
      expect_refused(p, crafted_backup(p, "absolute.zip", {database, {"/tmp/fastcms-absolute-test", "x", ""}}),
                     "absolute path");
    }
    SUBCASE("links") {
      expect_refused(p, crafted_backup(p, "link.zip", {database, {"storage/passwd", "", "../../../../etc/passwd"}}),
                     "is a link");
      expect_refused(p, crafted_backup(p, "innerlink.zip", {database, {"storage/alias", "", "app.db"}}), "is a link");
    }
    SUBCASE("a database of another name") {
      ZipEntry renamed{"other.db", database.content, ""};
      fs::path zip = p.layout.backups_dir() / "renamed.zip";
      fastcms::test::write_zip(zip, {renamed, {backups::manifest_entry, fastcms::test::manifest_for({renamed}, "other.db"), ""}});
      expect_refused(p, zip, "its database is data/other.db");
    }
  }

  TEST_CASE("unsafe entry names") {
    CHECK(backups::unsafe_entry_reason("storage/a.txt") == std::nullopt);
    CHECK(backups::unsafe_entry_reason("a..b/c") == std::nullopt);
    CHECK(backups::unsafe_entry_reason("") .has_value());
    CHECK(backups::unsafe_entry_reason("/etc/passwd").has_value());
    CHECK(backups::unsafe_entry_reason("a/../../b").has_value());
    CHECK(backups::unsafe_entry_reason("..").has_value());
    CHECK(backups::unsafe_entry_reason("a\\..\\b").has_value());
    CHECK(backups::unsafe_entry_reason("C:/x").has_value());
  }

  TEST_CASE("a running server blocks a restore; a restore blocks a server") {
    TempDir dir;
    {
      auto server = backups::DataLock::for_server(dir / "data");
      REQUIRE(server.ok());
      auto second_server = backups::DataLock::for_server(dir / "data");
      CHECK(second_server.ok());  // several instances may share a project
      auto restore = backups::DataLock::for_restore(dir / "data");
      REQUIRE_FALSE(restore.ok());
      CHECK(restore.error().message.find("a server is running on this project (pid " +
                                         std::to_string(::getpid()) + ")") != std::string::npos);
    }
    auto restore = backups::DataLock::for_restore(dir / "data");
    REQUIRE(restore.ok());
    auto server = backups::DataLock::for_server(dir / "data");
    REQUIRE_FALSE(server.ok());
    CHECK(server.error().message.find("restore is in progress") != std::string::npos);
  }

  TEST_CASE("backup names, listing and pruning of scheduled backups") {
    CHECK(backups::is_valid_backup_name("my_backup-1.zip"));
    CHECK_FALSE(backups::is_valid_backup_name("My.zip"));
    CHECK_FALSE(backups::is_valid_backup_name(".zip"));
    CHECK_FALSE(backups::is_valid_backup_name("a/b.zip"));
    CHECK_FALSE(backups::is_valid_backup_name("backup.tar"));
    auto when = std::chrono::sys_days{std::chrono::year{2026} / 3 / 4} + std::chrono::hours{5} + std::chrono::minutes{6} +
                std::chrono::seconds{7};
    CHECK(backups::default_backup_name("My App!", when) == "pb_backup_my_app_20260304050607.zip");
    CHECK(backups::default_backup_name("", when, backups::auto_backup_prefix) == "@auto_pb_backup_20260304050607.zip");

    TempDir dir;
    backups::BackupLayout layout{dir.path(), dir / "data", "app.db"};
    CHECK(backups::list_backups(layout)->empty());
    for (int i = 0; i < 4; ++i) {
      fs::path f = layout.backups_dir() / ("@auto_pb_backup_" + std::to_string(i) + ".zip");
      write_file(f, "zip");
      fs::last_write_time(f, fs::file_time_type::clock::now() - std::chrono::minutes(10 - i));
    }
    write_file(layout.backups_dir() / "manual.zip", "zip");
    fs::last_write_time(layout.backups_dir() / "manual.zip", fs::file_time_type::clock::now() - std::chrono::hours(1));
    write_file(layout.backups_dir() / ".manual.zip.tmp-x/backup.zip", "partial");
    auto listed = backups::list_backups(layout);
    REQUIRE(listed->size() == 5);
    CHECK((*listed)[0].key == "@auto_pb_backup_3.zip");
    CHECK((*listed)[4].key == "manual.zip");
    CHECK(backups::prune_auto_backups(layout, 2).value() == 2);
    listed = backups::list_backups(layout);
    REQUIRE(listed->size() == 3);
    CHECK((*listed)[0].key == "@auto_pb_backup_3.zip");
    CHECK((*listed)[1].key == "@auto_pb_backup_2.zip");
    CHECK((*listed)[2].key == "manual.zip");
    CHECK_FALSE(backups::backup_file(layout, "../x.zip").ok());
    CHECK_FALSE(backups::backup_file(layout, ".hidden.zip").ok());
    CHECK(backups::backup_file(layout, "ok.zip").value() == layout.backups_dir() / "ok.zip");
  }
}
