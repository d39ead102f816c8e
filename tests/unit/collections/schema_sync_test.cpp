#include <doctest/doctest.h>

#include <atomic>
#include <string>

#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/table_introspection.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;

json sync_posts() {
  return json::parse(R"J({
    "name": "posts",
    "fields": [
      {"name": "title", "type": "text", "required": true},
      {"name": "body", "type": "editor"},
      {"name": "status", "type": "select", "values": ["draft", "published", "archived"], "maxSelect": 1},
      {"name": "author", "type": "relation", "collection": "users", "maxSelect": 1}
    ],
    "indexes": ["CREATE INDEX idx_posts_status ON posts (status)", "CREATE INDEX idx_posts_body ON posts (body)"],
    "listRule": "status = 'published' || author = @request.auth.id"
  })J");
}

json sync_users() { return {{"name", "users"}, {"type", "auth"}, {"fields", {{{"name", "nick"}, {"type", "text"}}}}}; }

json sync_view() {
  return {{"name", "published"}, {"type", "view"}, {"viewQuery", "SELECT id, title FROM posts WHERE status = 'published'"}};
}

cols::SyncReport sync_ok(fastcms::db::Connection& db, const std::vector<json>& defs) {
  auto r = cols::sync_collection_files(db, defs);
  if (!r.ok()) FAIL(r.error().message);
  return *r;
}

const cols::CollectionChange& sync_entry(const cols::SyncReport& report, const std::string& name) {
  for (const auto& c : report.collections)
    if (c.name == name) return c;
  FAIL("no entry for " << name);
  static cols::CollectionChange none;
  return none;
}

bool sync_has_line(const cols::CollectionChange& c, const std::string& line) {
  for (const auto& l : c.changes)
    if (l == line) return true;
  return false;
}

std::vector<std::string> sync_column_names(fastcms::db::Connection& db, const std::string& table) {
  auto info = cols::inspect_table(db, table);
  if (!info.ok()) FAIL(info.error().message);
  std::vector<std::string> out;
  for (const auto& c : info->columns) out.push_back(c.name);
  return out;
}

std::vector<std::string> sync_index_names(fastcms::db::Connection& db, const std::string& table) {
  auto info = cols::inspect_table(db, table);
  if (!info.ok()) FAIL(info.error().message);
  std::vector<std::string> out;
  for (const auto& i : info->indexes) out.push_back(i.name);
  return out;
}

std::string sync_dump(fastcms::db::Connection& db) {
  auto rows = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name");
  REQUIRE(rows.ok());
  auto defs = db.query("SELECT id, definition FROM _collections ORDER BY id");
  REQUIRE(defs.ok());
  return fastcms::db::to_json(*rows).dump() + fastcms::db::to_json(*defs).dump();
}

bool sync_is_ddl(std::string_view sql) {
  return sql.starts_with("CREATE") || sql.starts_with("ALTER") || sql.starts_with("DROP");
}
}  // namespace

TEST_SUITE("collections sync") {
  TEST_CASE("creates declared collections with their indexes and stores resolved definitions") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    auto report = sync_ok(*db, {sync_posts(), sync_users(), sync_view()});
    CHECK(sync_entry(report, "posts").kind == cols::ChangeKind::created);
    CHECK(sync_entry(report, "users").kind == cols::ChangeKind::created);
    CHECK(sync_entry(report, "published").kind == cols::ChangeKind::created);
    CHECK(report.unmanaged.empty());  // _superusers is a system collection
    CHECK(report.changed());

    CHECK(sync_column_names(*db, "posts") ==
          std::vector<std::string>{"id", "title", "body", "status", "author", "created", "updated"});
    CHECK(sync_index_names(*db, "posts") == std::vector<std::string>{"idx_posts_body", "idx_posts_status"});
    auto users_indexes = sync_index_names(*db, "users");
    CHECK(users_indexes.size() == 2);

    auto schema = cols::load_schema(*db);
    REQUIRE(schema.ok());
    const auto* posts = (*schema)->find("posts");
    const auto* users = (*schema)->find("users");
    REQUIRE(posts);
    REQUIRE(users);
    const auto* author = posts->field("author");
    REQUIRE(author);
    CHECK(author->options["collectionId"] == users->id);
    CHECK_FALSE(author->options.contains("collection"));
    CHECK((*schema)->find("published") != nullptr);
    CHECK(db->query_value("SELECT count(*) FROM published")->to_int64() == 0);

    const std::string text = cols::format_sync_report(report);
    CHECK(text.find("+ posts (created)") != std::string::npos);
  }

  TEST_CASE("a second run with the same files is unchanged and runs no DDL") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    sync_ok(*db, {sync_posts(), sync_users(), sync_view()});
    const std::string before = sync_dump(*db);
    std::atomic<int> ddl{0};
    db->set_statement_logger([&](std::string_view sql, auto) {
      if (sync_is_ddl(sql)) ++ddl;
    });
    auto report = sync_ok(*db, {sync_posts(), sync_users(), sync_view()});
    db->set_statement_logger({});
    CHECK(ddl == 0);
    CHECK_FALSE(report.changed());
    for (const auto& c : report.collections) CHECK_MESSAGE(c.kind == cols::ChangeKind::unchanged, c.name);
    CHECK(sync_dump(*db) == before);
    CHECK(cols::format_sync_report(report).find("= posts (unchanged)") != std::string::npos);
  }

  TEST_CASE("alters tables in place: add, drop (index first), rename by id, indexes, rules; data kept") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    json posts = sync_posts();
    posts["fields"][0]["id"] = "title_field";
    sync_ok(*db, {posts, sync_users()});
    REQUIRE(db->exec("INSERT INTO posts (id, title, body, status) VALUES ('p1', 'Hello', 'text', 'draft')").ok());

    posts["fields"][0]["name"] = "headline";                                   // rename, same id
    posts["fields"].erase(1);                                                  // drop body (indexed)
    posts["fields"].push_back({{"name", "subtitle"}, {"type", "text"}});       // add
    posts["indexes"] = {"CREATE INDEX idx_posts_status ON posts (status)",
                        "CREATE UNIQUE INDEX idx_posts_headline ON posts (headline)"};
    posts["listRule"] = "";
    auto report = sync_ok(*db, {posts, sync_users()});
    const auto& e = sync_entry(report, "posts");
    CHECK(e.kind == cols::ChangeKind::altered);
    CHECK(sync_has_line(e, "renamed field title to headline"));
    CHECK(sync_has_line(e, "dropped field body"));
    CHECK(sync_has_line(e, "added field subtitle"));
    CHECK(sync_has_line(e, "dropped index idx_posts_body"));
    CHECK(sync_has_line(e, "created index idx_posts_headline"));
    CHECK(sync_has_line(e, "changed listRule"));
    CHECK(sync_entry(report, "users").kind == cols::ChangeKind::unchanged);

    CHECK(sync_column_names(*db, "posts") ==
          std::vector<std::string>{"id", "headline", "status", "author", "created", "updated", "subtitle"});
    auto row = db->query_one("SELECT headline, status, subtitle FROM posts WHERE id = 'p1'");
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    CHECK((**row)["headline"].to_text() == "Hello");
    CHECK((**row)["status"].to_text() == "draft");
    CHECK((**row)["subtitle"].to_text() == "");
    CHECK(sync_index_names(*db, "posts") == std::vector<std::string>{"idx_posts_headline", "idx_posts_status"});

    auto again = sync_ok(*db, {posts, sync_users()});
    CHECK_FALSE(again.changed());
  }

  TEST_CASE("a storage type change rebuilds the table, converting and keeping every row") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    sync_ok(*db, {sync_posts(), sync_users(), sync_view()});
    REQUIRE(db->exec("INSERT INTO posts (id, title, status) VALUES ('p1', 'One', 'published'), ('p2', 'Two', '')").ok());

    json posts = sync_posts();
    posts["fields"][2]["maxSelect"] = 2;  // status becomes multi-valued: text -> json
    auto report = sync_ok(*db, {posts, sync_users(), sync_view()});
    const auto& e = sync_entry(report, "posts");
    CHECK(e.kind == cols::ChangeKind::altered);
    CHECK(sync_has_line(e, "changed field status from text to json storage"));
    CHECK(sync_has_line(e, "rebuilt table posts (rows copied)"));

    auto rows = db->query("SELECT id, title, status FROM posts ORDER BY id");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0]["status"].to_text() == R"(["published"])");
    CHECK((*rows)[0]["title"].to_text() == "One");
    CHECK((*rows)[1]["status"].to_text() == "[]");
    CHECK(sync_index_names(*db, "posts") == std::vector<std::string>{"idx_posts_body", "idx_posts_status"});
    // the view that selects from posts survived the rebuild
    CHECK(db->query_value("SELECT count(*) FROM published")->to_int64() == 0);

    posts["fields"][2]["maxSelect"] = 1;  // and back: the last value is kept
    REQUIRE(db->exec(R"(UPDATE posts SET status = '["draft","archived"]' WHERE id = 'p2')").ok());
    sync_ok(*db, {posts, sync_users(), sync_view()});
    auto back = db->query("SELECT status FROM posts ORDER BY id");
    REQUIRE(back.ok());
    CHECK((*back)[0]["status"].to_text() == "published");
    CHECK((*back)[1]["status"].to_text() == "archived");
  }

  TEST_CASE("a type change by name (no declared id) keeps the column and converts it") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    json things = {{"name", "things"}, {"fields", {{{"name", "qty"}, {"type", "text"}}}}};
    sync_ok(*db, {things});
    REQUIRE(db->exec("INSERT INTO things (id, qty) VALUES ('a', '42')").ok());
    things["fields"][0]["type"] = "number";
    auto report = sync_ok(*db, {things});
    CHECK(sync_has_line(report.collections[0], "changed field qty from text to number storage"));
    auto v = db->query_value("SELECT qty FROM things");
    REQUIRE(v.ok());
    CHECK(v->to_int64() == 42);
    CHECK(v->is_integer());
  }

  TEST_CASE("views are recreated when their query changes; collections no file declares are kept") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    json legacy = {{"name", "legacy"}, {"fields", {{{"name", "note"}, {"type", "text"}}}}};
    sync_ok(*db, {sync_posts(), sync_users(), sync_view(), legacy});
    REQUIRE(db->exec("INSERT INTO legacy (id, note) VALUES ('l1', 'keep me')").ok());

    json view = sync_view();
    view["viewQuery"] = "SELECT id, title, status FROM posts";
    auto report = sync_ok(*db, {sync_posts(), sync_users(), view});
    CHECK(sync_has_line(sync_entry(report, "published"), "recreated view (query changed)"));
    CHECK(report.unmanaged == std::vector<std::string>{"legacy"});
    CHECK(cols::format_sync_report(report).find("? legacy") != std::string::npos);
    CHECK(db->query_value("SELECT note FROM legacy")->to_text() == "keep me");
    auto schema = cols::load_schema(*db);
    REQUIRE(schema.ok());
    CHECK((*schema)->find("legacy") != nullptr);
  }

  TEST_CASE("renaming a collection with an explicit id renames its table") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    json notes = {{"id", "notes_id"}, {"name", "notes"}, {"fields", {{{"name", "text"}, {"type", "text"}}}},
                  {"indexes", {"CREATE INDEX idx_notes_text ON notes (text)"}}};
    sync_ok(*db, {notes});
    REQUIRE(db->exec("INSERT INTO notes (id, text) VALUES ('n1', 'hi')").ok());
    notes["name"] = "memos";
    notes["indexes"] = {"CREATE INDEX idx_notes_text ON memos (text)"};
    auto report = sync_ok(*db, {notes});
    CHECK(sync_has_line(report.collections[0], "renamed collection notes to memos"));
    CHECK(db->query_value("SELECT text FROM memos")->to_text() == "hi");
    CHECK(sync_index_names(*db, "memos") == std::vector<std::string>{"idx_notes_text"});
    auto again = sync_ok(*db, {notes});
    CHECK_FALSE(again.changed());
  }

  TEST_CASE("a failing sync leaves the database exactly as it was") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    sync_ok(*db, {sync_posts(), sync_users()});
    REQUIRE(db->exec("INSERT INTO posts (id, title) VALUES ('p1', 'One')").ok());
    const std::string before = sync_dump(*db);

    SUBCASE("a later collection's DDL fails") {
      json posts = sync_posts();
      posts["fields"].push_back({{"name", "extra"}, {"type", "text"}});
      json broken = {{"name", "broken"}, {"indexes", {"CREATE INDEX idx_broken ON broken (missing_column)"}}};
      auto r = cols::sync_collection_files(*db, {posts, sync_users(), broken});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message.find("missing_column") != std::string::npos);
    }
    SUBCASE("a rule does not compile") {
      json posts = sync_posts();
      posts["fields"].push_back({{"name", "extra"}, {"type", "text"}});
      posts["viewRule"] = "nosuchfield = 1";
      auto r = cols::sync_collection_files(*db, {posts, sync_users()});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message.find("collection \"posts\": viewRule: ") == 0);
    }
    SUBCASE("a relation points nowhere") {
      json posts = sync_posts();
      posts["fields"][3]["collection"] = "userz";
      auto r = cols::sync_collection_files(*db, {posts, sync_users()});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message.find("unknown collection \"userz\" (did you mean \"users\"?)") != std::string::npos);
    }
    SUBCASE("a collection changes type") {
      json users = sync_users();
      users["type"] = "base";
      auto r = cols::sync_collection_files(*db, {sync_posts(), users});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message == "collection \"users\": type cannot change from auth to base; create a new collection "
                                 "and move the data instead");
    }
    CHECK(sync_dump(*db) == before);
  }
}
