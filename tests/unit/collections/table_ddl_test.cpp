#include <doctest/doctest.h>

#include "core/collections/collection_file.h"
#include "core/collections/table_ddl.h"
#include "core/scaffold/scaffold.h"
#include "core/scaffold/template_catalog.h"
#include "db/open_database.h"
#include "db/sqlite/sqlite_dialect.h"
#include "support/temp_dir.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;

std::unique_ptr<fastcms::db::Database> ddl_memory_db() {
  auto db = fastcms::db::open_database("sqlite::memory:", "/tmp");
  REQUIRE(db.ok());
  return std::move(*db);
}

void ddl_apply(fastcms::db::Database& db, const cols::Collection& c) {
  for (const auto& sql : cols::create_statements(c, db.dialect())) {
    auto r = db.exec(sql);
    if (!r.ok()) FAIL(r.error().message);
  }
}
}  // namespace

TEST_SUITE("collections ddl") {
  TEST_CASE("columns get PocketBase's types and zero defaults") {
    auto c = cols::collection_from_json(json::parse(R"J({
      "name": "order", "type": "base",
      "fields": [
        {"name": "title", "type": "text"}, {"name": "qty", "type": "number"}, {"name": "paid", "type": "bool"},
        {"name": "tags", "type": "select", "values": ["a","b"], "maxSelect": 2},
        {"name": "meta", "type": "json"}, {"name": "at", "type": "date"}, {"name": "where", "type": "geoPoint"}
      ],
      "indexes": ["CREATE INDEX idx_order_title ON \"order\" (title)"]
    })J"));
    REQUIRE(c.ok());
    auto db = ddl_memory_db();
    ddl_apply(*db, *c);
    REQUIRE(db->exec(R"(INSERT INTO "order" (id) VALUES ('abc'))").ok());
    auto row = db->query_one(R"(SELECT title, qty, paid, tags, meta, "where", created FROM "order")");
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    const auto& r = **row;
    CHECK(r["title"].to_text() == "");
    CHECK(r["qty"].to_int64() == 0);
    CHECK(r["paid"].to_int64() == 0);
    CHECK(r["tags"].to_text() == "[]");
    CHECK(r["meta"].is_null());
    CHECK(r["where"].to_text() == R"({"lon":0,"lat":0})");
    CHECK(r["created"].to_text() == "");
    CHECK_FALSE(db->exec(R"(INSERT INTO "order" (id) VALUES ('abc'))").ok());  // primary key
  }

  TEST_CASE("auth collections get unique email (when set) and tokenKey indexes") {
    auto c = cols::collection_from_json(json::parse(R"({"name": "users", "type": "auth"})"));
    REQUIRE(c.ok());
    auto db = ddl_memory_db();
    ddl_apply(*db, *c);
    CHECK(db->exec("INSERT INTO users (id, email, tokenKey) VALUES ('a', 'x@y.z', 'k1')").ok());
    CHECK_FALSE(db->exec("INSERT INTO users (id, email, tokenKey) VALUES ('b', 'x@y.z', 'k2')").ok());
    CHECK(db->exec("INSERT INTO users (id, email, tokenKey) VALUES ('c', '', 'k3')").ok());
    CHECK(db->exec("INSERT INTO users (id, email, tokenKey) VALUES ('d', '', 'k4')").ok());
    CHECK_FALSE(db->exec("INSERT INTO users (id, email, tokenKey) VALUES ('e', 'e@y.z', 'k1')").ok());
  }

  TEST_CASE("every template's collections create cleanly in SQLite") {
    for (const auto& name : fastcms::core::scaffold::template_names()) {
      CAPTURE(name);
      fastcms::test::TempDir dir;
      fastcms::core::scaffold::ScaffoldOptions o;
      o.target = dir / "p";
      o.template_name = name;
      REQUIRE(fastcms::core::scaffold::scaffold_project(o).ok());
      auto files = cols::load_collection_files(dir / "p");
      REQUIRE(files.ok());
      auto db = ddl_memory_db();
      for (const auto& f : *files) {
        auto c = cols::collection_from_json(f.definition);
        if (!c.ok()) FAIL(c.error().message);
        ddl_apply(*db, *c);
      }
      auto tables = db->query("SELECT name FROM sqlite_master WHERE type = 'table'");
      REQUIRE(tables.ok());
      CHECK(tables->size() == files->size());
    }
  }
}
