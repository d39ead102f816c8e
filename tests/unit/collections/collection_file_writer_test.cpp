#include <doctest/doctest.h>

#include "core/collections/collection_file.h"
#include "core/collections/collection_file_writer.h"
#include "core/collections/collection_service.h"
#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/system_tables.h"
#include "project/structured_file.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;

json writer_created(fastcms::db::Connection& db, const json& body) {
  auto r = cols::create_collection(db, body);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return *r;
}

json writer_read(const std::filesystem::path& path) {
  auto parsed = fastcms::project::load_structured_file(path);
  if (!parsed.ok()) FAIL(parsed.error().message);
  return *parsed;
}

std::vector<json> writer_definitions(const std::filesystem::path& root) {
  auto files = cols::load_collection_files(root);
  if (!files.ok()) FAIL(files.error().message);
  std::vector<json> out;
  for (const auto& f : *files) out.push_back(f.definition);
  return out;
}
}  // namespace

TEST_SUITE("collections files") {
  TEST_CASE("API changes are written as tidy files that load, validate and sync back unchanged") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());
    json users = writer_created(*db, {{"name", "users"},
                                      {"type", "auth"},
                                      {"fields", {{{"name", "nick"}, {"type", "text"}, {"max", 40}}}},
                                      {"mfa", {{"enabled", false}, {"duration", 900}}}});
    json posts = writer_created(
        *db, json::parse(R"J({"name": "posts", "listRule": "status = 'published'",
          "fields": [{"name": "title", "type": "text", "required": true},
                     {"name": "status", "type": "select", "values": ["draft", "published"], "maxSelect": 1},
                     {"name": "author", "type": "relation", "collectionId": "users", "maxSelect": 1}],
          "indexes": ["CREATE INDEX idx_posts_status ON posts (status)"]})J"));
    auto schema = cols::load_schema(*db);
    REQUIRE(schema.ok());
    REQUIRE(cols::write_collection_file(dir.path(), users, schema->get()).ok());
    REQUIRE(cols::write_collection_file(dir.path(), posts, schema->get()).ok());

    const json file = writer_read(dir / "app/collections/posts.json");
    CHECK(file == json::parse(R"J({"name": "posts", "type": "base",
      "fields": [{"name": "title", "type": "text", "required": true},
                 {"name": "status", "type": "select", "values": ["draft", "published"], "maxSelect": 1},
                 {"name": "author", "type": "relation", "collection": "users", "maxSelect": 1}],
      "indexes": ["CREATE INDEX idx_posts_status ON \"posts\" (status)"],
      "listRule": "status = 'published'", "viewRule": null, "createRule": null, "updateRule": null, "deleteRule": null
    })J"));
    // key order reads naturally: name first
    const std::string text = fastcms::test::read_file(dir / "app/collections/posts.json");
    CHECK(text.find("\"name\"") < text.find("\"fields\""));
    const json users_file = writer_read(dir / "app/collections/users.json");
    CHECK(users_file["mfa"] == json{{"duration", 900}});
    CHECK(users_file["fields"] == json::parse(R"J([{"name": "nick", "type": "text", "max": 40}])J"));
    CHECK_FALSE(users_file.contains("passwordAuth"));

    // The files are valid collection files, and syncing them changes nothing.
    auto report = cols::sync_collection_files(*db, writer_definitions(dir.path()));
    if (!report.ok()) FAIL(report.error().message);
    CHECK_FALSE(report->changed());
  }

  TEST_CASE("a collection that has a YAML file keeps it, as YAML that reads back the same") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());
    fastcms::test::write_file(dir / "app/collections/notes.yaml", "name: notes\n");
    json notes = writer_created(*db, json::parse(R"J({"name": "notes", "listRule": "",
      "viewRule": "title = 'true' || title = '123' || title = ''",
      "fields": [{"name": "title", "type": "text", "pattern": "^[a-z]+: #x$"},
                 {"name": "n", "type": "number", "min": 1.5},
                 {"name": "tags", "type": "select", "values": ["null", "yes", "a b"], "maxSelect": 3}]})J"));
    REQUIRE(cols::write_collection_file(dir.path(), notes).ok());
    CHECK_FALSE(std::filesystem::exists(dir / "app/collections/notes.json"));
    const json yaml = writer_read(dir / "app/collections/notes.yaml");
    CHECK(yaml["listRule"] == "");
    CHECK(yaml["deleteRule"].is_null());
    CHECK(yaml["viewRule"] == "title = 'true' || title = '123' || title = ''");
    CHECK(yaml["fields"][0]["pattern"] == "^[a-z]+: #x$");
    CHECK(yaml["fields"][1]["min"] == 1.5);
    CHECK(yaml["fields"][2]["values"] == json::array({"null", "yes", "a b"}));
    CHECK(yaml["fields"][2]["maxSelect"] == 3);
    auto report = cols::sync_collection_files(*db, writer_definitions(dir.path()));
    if (!report.ok()) FAIL(report.error().message);
    CHECK_FALSE(report->changed());
  }

  TEST_CASE("remove_collection_file removes whichever file exists; system collections are not written") {
    fastcms::test::TempDir dir;
    fastcms::test::write_file(dir / "app/collections/a.json", "{\"name\": \"a\"}");
    fastcms::test::write_file(dir / "app/collections/b.yml", "name: b\n");
    REQUIRE(cols::remove_collection_file(dir.path(), "a").ok());
    REQUIRE(cols::remove_collection_file(dir.path(), "b").ok());
    REQUIRE(cols::remove_collection_file(dir.path(), "never").ok());
    CHECK_FALSE(std::filesystem::exists(dir / "app/collections/a.json"));
    CHECK_FALSE(std::filesystem::exists(dir / "app/collections/b.yml"));

    REQUIRE(cols::write_collection_file(dir.path(), cols::superusers_definition()).ok());
    CHECK_FALSE(std::filesystem::exists(dir / "app/collections/_superusers.json"));
    CHECK_FALSE(cols::write_collection_file(dir.path(), json::object()).ok());
  }
}
