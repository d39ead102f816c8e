#include <doctest/doctest.h>

#include <string>

#include "core/collections/collection_definition.h"
#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/system_tables.h"
#include "core/migrations/auto_migration.h"
#include "core/migrations/migration_directory.h"
#include "core/migrations/migration_runner.h"
#include "core/migrations/migration_writer.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
namespace mig = fastcms::core::migrations;
namespace cols = fastcms::core::collections;
namespace fs = std::filesystem;
using nlohmann::json;

json auto_posts() {
  return json::parse(R"J({
    "name": "posts",
    "fields": [
      {"name": "title", "type": "text", "required": true},
      {"name": "status", "type": "select", "values": ["draft", "published"], "maxSelect": 1}
    ],
    "indexes": ["CREATE INDEX idx_posts_status ON posts (status)"],
    "listRule": "status = 'published'"
  })J");
}

/// A project folder and two databases: `a` follows the steps, `b` replays the files.
struct AutoProject {
  fastcms::test::TempDir dir;
  std::unique_ptr<fastcms::db::SqliteDatabase> a = open("a.db");
  int next = 1;

  std::unique_ptr<fastcms::db::SqliteDatabase> open(const std::string& name) {
    auto db = fastcms::test::open_test_sqlite(dir.path() / name);
    if (auto st = cols::ensure_system_tables(*db); !st.ok()) FAIL(st.error().message);
    return db;
  }
  std::vector<mig::MigrationFile> files() {
    auto f = mig::load_migration_files(dir.path());
    if (!f.ok()) FAIL(f.error().message);
    return *f;
  }
  mig::AutoMigration plan(const std::vector<json>& defs) {
    auto m = mig::plan_auto_migration(*a, defs);
    if (!m.ok()) FAIL(m.error().message);
    return *m;
  }
  /// Plans, writes (versions 2025010100000N) and applies to `a`; returns the plan.
  mig::AutoMigration step(const std::vector<json>& defs) {
    auto m = plan(defs);
    REQUIRE_FALSE(m.empty());
    const std::string name = "step_" + std::to_string(next);
    const std::string version = "2025010100000" + std::to_string(next++);
    fastcms::test::write_file(dir.path() / "app/migrations" / mig::migration_file_name(version, name),
                              mig::auto_migration_text(name, m));
    auto up = mig::migrate_up(*a, files());
    if (!up.ok()) FAIL(up.error().message);
    CHECK(plan(defs).empty());  // the database now matches the files
    return m;
  }
};

/// Tables, columns, indexes, views and the stored definitions (without times).
std::string auto_schema(fastcms::db::Connection& db) {
  std::string out;
  auto rows = db.query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
  if (!rows.ok()) FAIL(rows.error().message);
  for (const auto& r : *rows) out += r["type"].to_text() + " " + r["name"].to_text() + ": " + r["sql"].to_text() + "\n";
  auto defs = db.query("SELECT id, name, type, system, definition FROM _collections ORDER BY id");
  for (const auto& r : *defs)
    out += r["id"].to_text() + " " + r["name"].to_text() + " " + r["type"].to_text() + " " + r["system"].to_text() + " " +
           r["definition"].to_text() + "\n";
  return out;
}

std::string auto_definition(fastcms::db::Connection& db, const std::string& name) {
  auto c = cols::find_stored_collection(db, name);
  if (!c.ok()) FAIL(c.error().message);
  if (!c->has_value()) return "";
  json d = (*c)->definition;
  d.erase("created");
  d.erase("updated");
  return d.dump();
}

std::vector<std::string> auto_columns(fastcms::db::Connection& db, const std::string& table) {
  auto rows = db.query("SELECT name FROM pragma_table_info(?1) ORDER BY name", {table});
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r["name"].to_text());
  return out;
}

bool auto_mentions(const std::vector<std::string>& statements, const std::string& needle) {
  for (const auto& s : statements)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_SUITE("migrations: --auto") {
  TEST_CASE("create, add field, drop field, index and rule changes: rows kept, replayable, reversible") {
    AutoProject p;
    json posts = auto_posts();

    auto created = p.step({posts});
    REQUIRE(created.report.collections.size() == 1);
    CHECK(created.report.collections[0].kind == cols::ChangeKind::created);
    CHECK(auto_mentions(created.up, "CREATE TABLE \"posts\""));
    CHECK(auto_mentions(created.up, "INSERT INTO \"_collections\""));
    CHECK(auto_mentions(created.down, "DROP TABLE \"posts\""));
    CHECK(auto_mentions(created.down, "DELETE FROM \"_collections\""));
    const std::string after_create = auto_definition(*p.a, "posts");
    const auto columns_after_create = auto_columns(*p.a, "posts");
    REQUIRE(p.a->exec("INSERT INTO posts (id, title, status) VALUES ('r1', 'kept', 'published')").ok());

    posts["fields"].push_back({{"name", "subtitle"}, {"type", "text"}});
    auto added = p.step({posts});
    CHECK(auto_mentions(added.up, "ADD COLUMN \"subtitle\""));
    CHECK(auto_mentions(added.down, "DROP COLUMN \"subtitle\""));
    REQUIRE(p.a->exec("UPDATE posts SET subtitle = 'sub' WHERE id = 'r1'").ok());

    posts["fields"].erase(2);
    auto dropped = p.step({posts});
    CHECK(auto_mentions(dropped.up, "DROP COLUMN \"subtitle\""));
    CHECK(dropped.data_loss.empty());  // removing a field is the declared intent

    posts["indexes"] = {"CREATE INDEX idx_posts_title ON posts (title)"};
    auto indexed = p.step({posts});
    CHECK(auto_mentions(indexed.up, "DROP INDEX \"idx_posts_status\""));
    CHECK(auto_mentions(indexed.up, "CREATE INDEX idx_posts_title"));
    CHECK(auto_mentions(indexed.down, "CREATE INDEX idx_posts_status"));

    posts["listRule"] = "";
    auto ruled = p.step({posts});
    REQUIRE(ruled.up.size() == 1);  // only the definition row
    CHECK(ruled.report.collections[0].changes == std::vector<std::string>{"changed listRule"});
    auto rule = p.a->query_value("SELECT json_extract(definition, '$.listRule') FROM _collections WHERE name = 'posts'");
    CHECK(rule->to_text() == "");

    auto row = p.a->query_one("SELECT title, status FROM posts WHERE id = 'r1'");
    REQUIRE(row->has_value());
    CHECK((**row)["title"].to_text() == "kept");
    CHECK((**row)["status"].to_text() == "published");

    // A second database replaying the files ends up with the same schema and definitions.
    auto b = p.open("b.db");
    auto replay = mig::migrate_up(*b, p.files());
    if (!replay.ok()) FAIL(replay.error().message);
    CHECK(replay->size() == 5);
    CHECK(auto_schema(*b) == auto_schema(*p.a));
    auto reloaded = cols::load_schema(*b);
    if (!reloaded.ok()) FAIL(reloaded.error().message);
    CHECK((*reloaded)->find("posts") != nullptr);
    auto sync = cols::sync_collection_files(*b, {posts});
    if (!sync.ok()) FAIL(sync.error().message);
    CHECK_FALSE(sync->changed());

    // Down to the first migration: the definition and columns are those after create.
    auto down = mig::migrate_down(*p.a, p.files(), {1, std::string("20250101000001")});
    if (!down.ok()) FAIL(down.error().message);
    CHECK(down->size() == 4);
    CHECK(auto_definition(*p.a, "posts") == after_create);
    CHECK(auto_columns(*p.a, "posts") == columns_after_create);
    CHECK((*p.a->query_value("SELECT title FROM posts WHERE id = 'r1'")).to_text() == "kept");
    REQUIRE(mig::migrate_down(*p.a, p.files(), {}).ok());
    CHECK(auto_definition(*p.a, "posts").empty());
    CHECK(auto_columns(*p.a, "posts").empty());
  }

  TEST_CASE("a view over a new table is created after it, replays, and is dropped by down") {
    AutoProject p;
    json view = {{"name", "published"}, {"type", "view"}, {"viewQuery", "SELECT id, title FROM posts WHERE status = 'published'"}};
    auto m = p.step({auto_posts(), view});
    CHECK(m.report.collections.size() == 2);
    REQUIRE(p.a->exec("INSERT INTO posts (id, title, status) VALUES ('r1', 'x', 'published')").ok());
    CHECK(p.a->query_value("SELECT COUNT(*) FROM published")->to_int64() == 1);
    auto b = p.open("b.db");
    REQUIRE(mig::migrate_up(*b, p.files()).ok());
    CHECK(auto_schema(*b) == auto_schema(*p.a));
    auto down = mig::migrate_down(*p.a, p.files(), {});
    if (!down.ok()) FAIL(down.error().message);
    CHECK(auto_definition(*p.a, "published").empty());
    CHECK(p.a->query_value("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('posts', 'published')")->to_int64() == 0);
  }

  TEST_CASE("no difference plans nothing") {
    AutoProject p;
    CHECK(p.plan({}).empty());
    p.step({auto_posts()});
    CHECK(p.plan({auto_posts()}).empty());
  }

  TEST_CASE("a collection no file declares is dropped (and listed as data loss when it has records)") {
    AutoProject p;
    json tags = {{"name", "tags"}, {"fields", {{{"name", "label"}, {"type", "text"}}}}};
    p.step({auto_posts(), tags});
    auto empty_drop = p.plan({tags});
    CHECK(empty_drop.data_loss.empty());
    REQUIRE(p.a->exec("INSERT INTO posts (id, title) VALUES ('r1', 'x')").ok());
    auto m = p.plan({tags});
    REQUIRE(m.report.collections.size() == 1);
    CHECK(m.report.collections[0].kind == cols::ChangeKind::deleted);
    CHECK(auto_mentions(m.up, "DROP TABLE \"posts\""));
    CHECK(auto_mentions(m.down, "CREATE TABLE \"posts\""));
    REQUIRE(m.data_loss.size() == 1);
    CHECK(m.data_loss[0].find("posts: the collection is dropped") == 0);
    auto kept = mig::plan_auto_migration(*p.a, {tags}, cols::UndeclaredCollections::kept);
    REQUIRE(kept.ok());
    CHECK(kept->empty());
    CHECK(kept->report.unmanaged == std::vector<std::string>{"posts"});
  }

  TEST_CASE("a type change or a rename by name is data loss when the table has records") {
    AutoProject p;
    p.step({auto_posts()});
    json retyped = auto_posts();
    retyped["fields"][0] = {{"name", "title"}, {"type", "number"}};
    json renamed = auto_posts();
    renamed["fields"][0]["name"] = "headline";
    renamed["indexes"] = json::array();
    CHECK(p.plan({retyped}).data_loss.empty());  // no records yet
    REQUIRE(p.a->exec("INSERT INTO posts (id, title) VALUES ('r1', 'x')").ok());
    auto t = p.plan({retyped});
    REQUIRE(t.data_loss.size() == 1);
    CHECK(t.data_loss[0].find("posts: field \"title\" changes from text to number") == 0);
    auto r = p.plan({renamed});
    REQUIRE(r.data_loss.size() == 1);
    CHECK(r.data_loss[0].find("field \"title\" is removed and \"headline\" added") != std::string::npos);
    json with_id = renamed;
    with_id["fields"][0]["id"] = cols::default_field_id("text", "title");  // title's id keeps the column
    CHECK(p.plan({with_id}).data_loss.empty());
  }

  TEST_CASE("invalid definitions are refused before anything is planned") {
    AutoProject p;
    json bad = auto_posts();
    bad["listRule"] = "nope = 1";
    auto m = mig::plan_auto_migration(*p.a, {bad});
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().message.find("collection \"posts\"") != std::string::npos);
  }

  TEST_CASE("write_new_migration names the file with the current UTC time, later than the latest one") {
    fastcms::test::TempDir dir;
    auto first = mig::write_new_migration(dir.path(), "one", mig::blank_migration_text("one"));
    if (!first.ok()) FAIL(first.error().message);
    auto second = mig::write_new_migration(dir.path(), "two", mig::blank_migration_text("two"));
    if (!second.ok()) FAIL(second.error().message);
    CHECK(first->rfind("app/migrations/", 0) == 0);
    CHECK(*first < *second);
    auto files = mig::load_migration_files(dir.path());
    if (!files.ok()) FAIL(files.error().message);
    REQUIRE(files->size() == 2);
    CHECK((*files)[0].up.find_first_not_of("\n") == std::string::npos);
  }
}
