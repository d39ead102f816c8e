#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;

std::unique_ptr<fastcms::db::SqliteDatabase> store_db(const fastcms::test::TempDir& dir) {
  auto db = fastcms::test::open_test_sqlite(dir / "data.db");
  auto s = cols::ensure_system_tables(*db);
  if (!s.ok()) FAIL(s.error().message);
  return db;
}
}  // namespace

TEST_SUITE("collections schema store") {
  TEST_CASE("save_definition inserts, then updates keeping created") {
    fastcms::test::TempDir dir;
    auto db = store_db(dir);
    json posts = {{"name", "posts"}, {"type", "base"}, {"fields", {{{"name", "title"}, {"type", "text"}}}}};
    auto saved = cols::save_definition(*db, posts);
    if (!saved.ok()) FAIL(saved.error().message);
    auto first = cols::find_stored_collection(*db, "POSTS");
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    const auto row1 = **first;
    CHECK(row1.id == "pbc_" + std::to_string(cols::crc32_ieee("baseposts")));
    CHECK(row1.created == row1.updated);
    CHECK(row1.definition["created"] == row1.created);
    // stored text has no created/updated keys
    auto text = db->query_value("SELECT definition FROM _collections WHERE name = 'posts'");
    REQUIRE(text.ok());
    CHECK_FALSE(json::parse(text->to_text()).contains("created"));

    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    posts["listRule"] = "";
    REQUIRE(cols::save_definition(*db, posts).ok());
    auto second = cols::find_stored_collection(*db, row1.id);
    REQUIRE(second.ok());
    REQUIRE(second->has_value());
    CHECK((*second)->created == row1.created);
    CHECK((*second)->updated > row1.updated);
    CHECK((*second)->definition["listRule"] == "");
  }

  TEST_CASE("load_schema builds every stored collection; remove_definition deletes the row") {
    fastcms::test::TempDir dir;
    auto db = store_db(dir);
    REQUIRE(cols::save_definition(*db, {{"name", "posts"}, {"listRule", "title != ''"},
                                        {"fields", {{{"name", "title"}, {"type", "text"}}}}})
                .ok());
    auto schema = cols::load_schema(*db);
    if (!schema.ok()) FAIL(schema.error().message);
    const auto* posts = (*schema)->find("posts");
    REQUIRE(posts != nullptr);
    CHECK(posts->list_rule == std::optional<std::string>("title != ''"));
    CHECK(posts->field("title") != nullptr);
    CHECK((*schema)->find("pbc_3142635823") != nullptr);

    REQUIRE(cols::remove_definition(*db, posts->id).ok());
    auto after = cols::load_schema(*db);
    REQUIRE(after.ok());
    CHECK((*after)->find("posts") == nullptr);
    CHECK(cols::remove_definition(*db, "nothing").ok());
  }

  TEST_CASE("find_stored_collection prefers an id match over a name match") {
    fastcms::test::TempDir dir;
    auto db = store_db(dir);
    REQUIRE(cols::save_definition(*db, {{"id", "alpha"}, {"name", "beta"}}).ok());
    REQUIRE(cols::save_definition(*db, {{"id", "beta_id"}, {"name", "alpha"}}).ok());
    auto found = cols::find_stored_collection(*db, "alpha");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->name == "beta");
    auto none = cols::find_stored_collection(*db, "gamma");
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
  }

  TEST_CASE("errors: a name taken case-insensitively, a malformed definition, an unreadable stored row") {
    fastcms::test::TempDir dir;
    auto db = store_db(dir);
    REQUIRE(cols::save_definition(*db, {{"name", "posts"}}).ok());
    CHECK_FALSE(cols::save_definition(*db, {{"id", "other"}, {"name", "Posts"}}).ok());
    auto bad = cols::save_definition(*db, {{"name", ""}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("name") != std::string::npos);

    REQUIRE(db->exec("INSERT INTO _collections (id, name, type, system, definition) VALUES ('x1', 'broken', 'base', 0, "
                     "'not json')")
                .ok());
    auto schema = cols::load_schema(*db);
    REQUIRE_FALSE(schema.ok());
    CHECK(schema.error().message.find("broken") != std::string::npos);
  }
}
