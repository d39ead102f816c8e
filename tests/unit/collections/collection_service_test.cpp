#include <doctest/doctest.h>

#include "core/collections/collection_service.h"
#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "core/collections/table_introspection.h"
#include "core/filter/compiler.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;
using fastcms::core::ApiError;

std::unique_ptr<fastcms::db::SqliteDatabase> svc_db(const fastcms::test::TempDir& dir) {
  auto db = fastcms::test::open_test_sqlite(dir / "data.db");
  auto s = cols::ensure_system_tables(*db);
  if (!s.ok()) FAIL(s.error().message);
  return db;
}

template <class T>
ApiError svc_error(const fastcms::core::ApiResult<T>& r) {
  if (r.ok()) {
    FAIL("expected an error");
    return {};
  }
  return r.error();
}

/// The error item at `path` in the error's data, e.g. {"fields", "0", "min"}.
json svc_item(const ApiError& e, const std::vector<std::string>& path) {
  const json* node = &e.data;
  for (const auto& key : path) {
    if (!node->is_object() || !node->contains(key)) {
      FAIL("no error at " << key << " in " << e.data.dump());
      return nullptr;
    }
    node = &(*node)[key];
  }
  return *node;
}

json svc_create_ok(fastcms::db::Connection& db, const json& body) {
  auto r = cols::create_collection(db, body);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return *r;
}

bool svc_table_exists(fastcms::db::Connection& db, const std::string& name) {
  auto info = cols::inspect_table(db, name);
  REQUIRE(info.ok());
  return info->exists();
}

std::string svc_dump(fastcms::db::Connection& db) {
  auto rows = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name");
  REQUIRE(rows.ok());
  auto defs = db.query("SELECT id, name, definition FROM _collections ORDER BY id");
  REQUIRE(defs.ok());
  return fastcms::db::to_json(*rows).dump() + fastcms::db::to_json(*defs).dump();
}

json svc_posts() {
  return json::parse(R"J({"name": "posts", "type": "base", "listRule": "",
    "fields": [{"name": "title", "type": "text", "max": 100}, {"name": "status", "type": "text"}],
    "indexes": ["CREATE INDEX idx_posts_status ON posts (status)"]})J");
}
}  // namespace

TEST_SUITE("collections service: create") {
  TEST_CASE("creates the table and the _collections row and returns the collection") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json out = svc_create_ok(*db, svc_posts());
    CHECK(out["name"] == "posts");
    CHECK(out["id"] == "pbc_" + std::to_string(cols::crc32_ieee("baseposts")));
    CHECK(out["fields"].size() == 5);
    CHECK(out["listRule"] == "");
    CHECK_FALSE(out["created"].get<std::string>().empty());
    CHECK(svc_table_exists(*db, "posts"));
    auto stored = cols::find_stored_collection(*db, "posts");
    REQUIRE(stored.ok());
    CHECK(stored->has_value());
    CHECK(db->exec("INSERT INTO posts (id, title) VALUES ('a', 'x')").ok());
  }

  TEST_CASE("relation targets by id or name get collectionId; rules compile against the new collection") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json users = svc_create_ok(*db, {{"name", "users"}, {"type", "auth"}});
    json body = svc_posts();
    body["fields"].push_back({{"name", "author"}, {"type", "relation"}, {"collectionId", "users"}, {"maxSelect", 1}});
    body["fields"].push_back({{"name", "owner"}, {"type", "relation"}, {"collectionId", "pbc_3142635823"}});
    body["viewRule"] = "author = @request.auth.id && title != ''";
    json out = svc_create_ok(*db, body);
    CHECK(out["fields"][3]["collectionId"] == users["id"]);
    CHECK(out["fields"][4]["collectionId"] == "pbc_3142635823");
  }

  TEST_CASE("name errors") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    svc_create_ok(*db, svc_posts());
    struct Case {
      json name;
      const char* code;
      const char* message;
    };
    const Case cases[] = {
        {"POSTS", "validation_collection_name_exists", "Collection name must be unique (case insensitive)."},
        {"bad-name", "validation_match_invalid", "Must be in a valid format."},
        {"", "validation_required", "Cannot be blank."},
        {"a_via_b", "validation_found_via", "The value cannot contain \"_via_\"."},
        {"_params", "validation_collection_name_invalid", "The name shouldn't match with an existing internal table."},
        {"pbc_3142635823", "validation_collection_name_id_duplicate",
         "The name must not match an existing collection id."},
        {std::string(256, 'a'), "validation_length_out_of_range", "The length must be between 1 and 255."},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      json body = svc_posts();
      body["name"] = c.name;
      body.erase("indexes");
      const auto& e = svc_error(cols::create_collection(*db, body));
      CHECK(e.status == 400);
      CHECK(e.message == "Failed to create collection.");
      CHECK(svc_item(e, {"name"}) == json{{"code", c.code}, {"message", c.message}});
    }
  }

  TEST_CASE("a rule that does not compile reports the compiler's message") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json body = svc_posts();
    body["listRule"] = "nosuch = 1";
    const auto& e = svc_error(cols::create_collection(*db, body));
    CHECK(e.message == "Failed to create collection.");
    // the same compiler, run on the collection as it would be
    auto schema = cols::schema_from_json(json::array({body}));
    REQUIRE(schema.ok());
    auto compiled = fastcms::core::filter::compile_filter("nosuch = 1", *schema->find("posts"), *schema, {});
    REQUIRE_FALSE(compiled.ok());
    CHECK(svc_item(e, {"listRule"}) ==
          json{{"code", "validation_invalid_rule"}, {"message", "Invalid rule. Raw error: " + compiled.error().message + "."}});
    CHECK_FALSE(svc_table_exists(*db, "posts"));
  }

  TEST_CASE("field errors: options, duplicates, reserved names, unknown relation") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    auto field_error = [&](json field, std::vector<std::string> path) {
      json body = {{"name", "things"}, {"type", "auth"}, {"fields", {field}}};
      const auto& e = svc_error(cols::create_collection(*db, body));
      CHECK(e.message == "Failed to create collection.");
      return svc_item(e, path);
    };
    CHECK(field_error({{"name", "n"}, {"type", "text"}, {"min", 10}, {"max", 5}}, {"fields", "0", "min"})["code"] ==
          "validation_invalid_value");
    CHECK(field_error({{"name", "n"}, {"type", "text"}, {"maxSelect", 2}}, {"fields", "0", "maxSelect"})["message"] ==
          "Is not an option of text fields (options: autogeneratePattern, max, min, pattern, primaryKey, required).");
    CHECK(field_error({{"name", "n"}, {"type", "select"}}, {"fields", "0", "values"}) ==
          json{{"code", "validation_required"}, {"message", "Cannot be blank."}});
    CHECK(field_error({{"name", "passwordConfirm"}, {"type", "text"}}, {"fields", "0", "name"})["code"] ==
          "validation_reserved_field_name");
    CHECK(field_error({{"name", "rel"}, {"type", "relation"}, {"collectionId", "nowhere"}},
                      {"fields", "0", "collectionId"})["code"] == "validation_invalid_value");
    CHECK(field_error({{"name", "bad name"}, {"type", "text"}}, {"fields", "0", "name"})["code"] ==
          "validation_invalid_value");

    json dup = {{"name", "things"},
                {"fields", {{{"name", "a"}, {"type", "text"}}, {{"name", "A"}, {"type", "number"}}}}};
    const auto& e = svc_error(cols::create_collection(*db, dup));
    CHECK(svc_item(e, {"fields", "1", "name"}) ==
          json{{"code", "validation_duplicated_field_name"},
               {"message", "Duplicated or invalid field name A."},
               {"params", {{"fieldName", "A"}}}});
  }

  TEST_CASE("unreadable bodies: not an object, unknown field type") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    for (const json& body : {json::array(), json{{"name", "x"}, {"fields", {{{"name", "a"}, {"type", "nope"}}}}},
                             json{{"name", "x"}, {"fields", {"text"}}}}) {
      const auto& e = svc_error(cols::create_collection(*db, body));
      CHECK(e.status == 400);
      CHECK(e.message == "Failed to load the submitted data due to invalid formatting.");
      CHECK(e.data == json::object());
    }
  }

  TEST_CASE("type, index and view errors") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    svc_create_ok(*db, svc_posts());
    CHECK(svc_item(svc_error(cols::create_collection(*db, {{"name", "x"}, {"type", "table"}})), {"type"})["code"] ==
          "validation_in_invalid");
    CHECK(svc_item(svc_error(cols::create_collection(*db, {{"name", "x"}, {"indexes", {"CREATE TABLE x (a)"}}})),
                   {"indexes", "0"})["code"] == "validation_invalid_index_expression");
    CHECK(svc_item(svc_error(cols::create_collection(
                       *db, {{"name", "x"}, {"indexes", {"CREATE INDEX idx_posts_status ON x (id)"}}})),
                   {"indexes", "0"}) ==
          json{{"code", "validation_existing_index_name"},
               {"message", "The index name is already used in posts collection."},
               {"params", {{"usedTableName", "posts"}}}});
    json view = {{"name", "v"}, {"type", "view"}, {"viewQuery", "SELECT id FROM posts"}};
    json with_index = view;
    with_index["indexes"] = {"CREATE INDEX idx_v ON v (id)"};
    CHECK(svc_item(svc_error(cols::create_collection(*db, with_index)), {"indexes"})["code"] ==
          "validation_indexes_not_supported");
    json with_rule = view;
    with_rule["createRule"] = "";
    CHECK(svc_item(svc_error(cols::create_collection(*db, with_rule)), {"createRule"}) ==
          json{{"code", "validation_nil"}, {"message", "Must be blank."}});
    json bad_query = view;
    bad_query["viewQuery"] = "SELECT id FROM nowhere";
    auto item = svc_item(svc_error(cols::create_collection(*db, bad_query)), {"viewQuery"});
    CHECK(item["code"] == "validation_invalid_view_query");
    CHECK(item["message"].get<std::string>().find("Invalid query - ") == 0);
    CHECK(item["message"].get<std::string>().find("no such table: nowhere") != std::string::npos);

    json created = svc_create_ok(*db, view);
    CHECK(created["viewQuery"] == "SELECT id FROM posts");
    CHECK(db->query_value("SELECT count(*) FROM v")->to_int64() == 0);
  }

  TEST_CASE("a database failure leaves nothing behind") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    const std::string before = svc_dump(*db);
    json body = svc_posts();
    body["indexes"] = {"CREATE INDEX idx_posts_missing ON posts (missing)"};
    const auto& e = svc_error(cols::create_collection(*db, body));
    CHECK(e.status == 400);
    CHECK(e.message.find("Failed to create collection. Raw error: \n") == 0);
    CHECK(e.message.find("no such column: missing") != std::string::npos);
    CHECK(svc_dump(*db) == before);
  }
}

TEST_SUITE("collections service: update") {
  TEST_CASE("PATCH replaces the given keys only") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json created = svc_create_ok(*db, svc_posts());
    auto r = cols::update_collection(*db, "posts", {{"viewRule", "status = 'published'"}});
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK((*r)["viewRule"] == "status = 'published'");
    CHECK((*r)["listRule"] == "");
    CHECK((*r)["fields"] == created["fields"]);
    CHECK((*r)["indexes"] == created["indexes"]);
    CHECK((*r)["created"] == created["created"]);
  }

  TEST_CASE("a field keeping its id under a new name is renamed with its data; a collection rename renames the table") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json created = svc_create_ok(*db, svc_posts());
    REQUIRE(db->exec("INSERT INTO posts (id, title, status) VALUES ('p1', 'Hello', 'draft')").ok());
    json fields = created["fields"];
    fields[1]["name"] = "headline";
    auto r = cols::update_collection(*db, created["id"].get<std::string>(), {{"name", "articles"}, {"fields", fields}});
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK((*r)["name"] == "articles");
    CHECK((*r)["fields"][1]["name"] == "headline");
    CHECK((*r)["fields"][1]["id"] == created["fields"][1]["id"]);
    CHECK_FALSE(svc_table_exists(*db, "posts"));
    auto row = db->query_one("SELECT headline, status FROM articles");
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    CHECK((**row)["headline"].to_text() == "Hello");
    CHECK((*r)["indexes"][0].get<std::string>().find("ON \"articles\"") != std::string::npos);
  }

  TEST_CASE("fields replaces the list: a left-out field is dropped, a new one added") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    svc_create_ok(*db, svc_posts());
    auto r = cols::update_collection(
        *db, "posts",
        {{"fields", {{{"name", "title"}, {"type", "text"}}, {{"name", "body"}, {"type", "editor"}}}}, {"indexes", json::array()}});
    if (!r.ok()) FAIL(r.error().to_json().dump());
    auto info = cols::inspect_table(*db, "posts");
    REQUIRE(info.ok());
    CHECK(info->column("status") == nullptr);
    CHECK(info->column("body") != nullptr);
  }

  TEST_CASE("what GET returns can be sent back unchanged (PocketBase clients do)") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    svc_create_ok(*db, {{"name", "users"}, {"type", "auth"}, {"fields", {{{"name", "nick"}, {"type", "text"}}}}});
    json body = svc_posts();
    for (const char* type : {"number", "email", "url", "editor", "date", "json", "geoPoint", "bool", "password"})
      body["fields"].push_back({{"name", std::string("f_") + type}, {"type", type}});
    body["fields"].push_back({{"name", "files"}, {"type", "file"}, {"maxSelect", 2}});
    body["fields"].push_back({{"name", "author"}, {"type", "relation"}, {"collectionId", "users"}});
    svc_create_ok(*db, body);
    svc_create_ok(*db, {{"name", "v"}, {"type", "view"}, {"viewQuery", "SELECT id FROM posts"}});
    for (const char* name : {"users", "posts", "v", "_superusers"}) {
      CAPTURE(name);
      auto before = cols::view_collection(*db, name);
      REQUIRE(before.ok());
      const std::string dump = svc_dump(*db);
      auto r = cols::update_collection(*db, name, *before);
      if (!r.ok()) FAIL(r.error().to_json().dump());
      json a = *before, b = *r;
      a.erase("updated");
      b.erase("updated");
      CHECK(a == b);
      CHECK(svc_dump(*db) == dump);
    }
  }

  TEST_CASE("update errors") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json posts = svc_create_ok(*db, svc_posts());
    svc_create_ok(*db, {{"name", "tags"}});

    const auto& missing = svc_error(cols::update_collection(*db, "nope", {{"listRule", ""}}));
    CHECK(missing.status == 404);
    CHECK(missing.to_json()["message"] == "The requested resource wasn't found.");

    auto item = [&](std::string_view target, const json& body, std::vector<std::string> path) {
      const auto& e = svc_error(cols::update_collection(*db, target, body));
      CHECK(e.status == 400);
      CHECK(e.message == "Failed to update collection.");
      return svc_item(e, path);
    };
    CHECK(item("posts", {{"type", "auth"}}, {"type"}) ==
          json{{"code", "validation_collection_type_change"}, {"message", "Collection type cannot be changed."}});
    CHECK(item("posts", {{"name", "Tags"}}, {"name"})["code"] == "validation_collection_name_exists");
    CHECK(item("posts", {{"id", "other"}}, {"id"}) ==
          json{{"code", "validation_values_mismatch"}, {"message", "Values don't match."}});
    CHECK(item("posts", {{"system", true}}, {"system"})["code"] == "validation_collection_system_flag_change");
    json fields = posts["fields"];
    fields[1]["type"] = "number";
    CHECK(item("posts", {{"fields", fields}}, {"fields", "1"}) ==
          json{{"code", "validation_field_type_change"}, {"message", "Field type cannot be changed."}});
    CHECK(item("_superusers", {{"name", "admins"}}, {"name"})["code"] == "validation_collection_system_name_change");
    CHECK(item("_superusers", {{"listRule", ""}}, {"listRule"}) ==
          json{{"code", "validation_collection_system_rule_change"},
               {"message", "System collection API rule cannot be changed."}});
    CHECK(item("_superusers", {{"fields", {{{"name", "email"}, {"type", "email"}, {"id", "email_renamed"}}}}},
               {"fields"})["code"] == "validation_system_field_change");
  }

  TEST_CASE("a failing update changes nothing") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json posts = svc_create_ok(*db, svc_posts());
    REQUIRE(db->exec("INSERT INTO posts (id, title) VALUES ('p1', 'x')").ok());
    const std::string before = svc_dump(*db);
    json fields = posts["fields"];
    fields.push_back({{"name", "extra"}, {"type", "text"}});
    const auto& e = svc_error(cols::update_collection(
        *db, "posts", {{"fields", fields}, {"indexes", {"CREATE INDEX idx_bad ON posts (nothere)"}}}));
    CHECK(e.message.find("Failed to update collection. Raw error:") == 0);
    CHECK(svc_dump(*db) == before);
  }
}

TEST_SUITE("collections service: delete, truncate, view") {
  TEST_CASE("delete drops the table and the row; refuses system and referenced collections") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json users = svc_create_ok(*db, {{"name", "users"}, {"type", "auth"}});
    json body = svc_posts();
    body["fields"].push_back({{"name", "author"}, {"type", "relation"}, {"collectionId", users["id"]}});
    svc_create_ok(*db, body);
    svc_create_ok(*db, {{"name", "v"}, {"type", "view"}, {"viewQuery", "SELECT id, title FROM posts"}});

    CHECK(svc_error(cols::delete_collection(*db, "nope")).status == 404);
    const auto& system = svc_error(cols::delete_collection(*db, "_superusers"));
    CHECK(system.status == 400);
    CHECK(system.message == "Failed to delete collection.");
    const auto& referenced = svc_error(cols::delete_collection(*db, "users"));
    CHECK(referenced.message == "Failed to delete collection probably due to existing reference in posts.");
    CHECK(referenced.data == json::object());
    const auto& viewed = svc_error(cols::delete_collection(*db, "posts"));
    CHECK(viewed.message == "Failed to delete collection.");
    CHECK(svc_table_exists(*db, "posts"));

    auto deleted_view = cols::delete_collection(*db, "V");
    REQUIRE(deleted_view.ok());
    CHECK((*deleted_view)["name"] == "v");
    REQUIRE(cols::delete_collection(*db, "posts").ok());
    CHECK_FALSE(svc_table_exists(*db, "posts"));
    auto stored = cols::find_stored_collection(*db, "posts");
    REQUIRE(stored.ok());
    CHECK_FALSE(stored->has_value());
    CHECK(cols::delete_collection(*db, "users").ok());
  }

  TEST_CASE("truncate deletes the records; views cannot be truncated") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    svc_create_ok(*db, svc_posts());
    svc_create_ok(*db, {{"name", "v"}, {"type", "view"}, {"viewQuery", "SELECT id FROM posts"}});
    REQUIRE(db->exec("INSERT INTO posts (id) VALUES ('a'), ('b')").ok());
    CHECK(cols::truncate_collection(*db, "posts").ok());
    CHECK(db->query_value("SELECT count(*) FROM posts")->to_int64() == 0);
    const auto& view = svc_error(cols::truncate_collection(*db, "v"));
    CHECK(view.message == "View collections cannot be truncated since they don't store their own records.");
    CHECK(svc_error(cols::truncate_collection(*db, "nope")).status == 404);
  }

  TEST_CASE("view by id or case-insensitive name; 404 otherwise") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json posts = svc_create_ok(*db, svc_posts());
    auto by_name = cols::view_collection(*db, "Posts");
    REQUIRE(by_name.ok());
    CHECK(*by_name == posts);
    auto by_id = cols::view_collection(*db, posts["id"].get<std::string>());
    REQUIRE(by_id.ok());
    CHECK((*by_id)["name"] == "posts");
    CHECK(svc_error(cols::view_collection(*db, "nope")).status == 404);
  }
}

TEST_SUITE("collections service: import") {
  TEST_CASE("imports related collections at once; deleteMissing removes the others but not system ones") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    svc_create_ok(*db, {{"name", "old"}});
    json body = json::parse(R"J({"deleteMissing": true, "collections": [
      {"id": "c_posts", "name": "posts", "fields": [{"name": "author", "type": "relation", "collectionId": "c_users"}]},
      {"id": "c_users", "name": "users", "type": "auth"}
    ]})J");
    auto r = cols::import_collections(*db, body);
    if (!r.ok()) FAIL(r.error().to_json().dump());
    CHECK(svc_table_exists(*db, "posts"));
    CHECK(svc_table_exists(*db, "users"));
    CHECK_FALSE(svc_table_exists(*db, "old"));
    CHECK(svc_table_exists(*db, "_superusers"));
    bool saw_delete = false;
    for (const auto& c : *r) saw_delete = saw_delete || (c.name == "old" && c.kind == cols::ChangeKind::deleted);
    CHECK(saw_delete);
  }

  TEST_CASE("an import merges onto the stored collection with the same id") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    json posts = svc_create_ok(*db, svc_posts());
    auto r = cols::import_collections(*db, {{"collections", {{{"id", posts["id"]}, {"listRule", nullptr}}}}});
    if (!r.ok()) FAIL(r.error().to_json().dump());
    auto after = cols::view_collection(*db, "posts");
    REQUIRE(after.ok());
    CHECK((*after)["listRule"].is_null());
    CHECK((*after)["fields"] == posts["fields"]);
  }

  TEST_CASE("import errors; all or nothing") {
    fastcms::test::TempDir dir;
    auto db = svc_db(dir);
    const std::string before = svc_dump(*db);
    const auto& empty = svc_error(cols::import_collections(*db, {{"collections", json::array()}}));
    CHECK(empty.message == "An error occurred while validating the submitted data.");
    CHECK(svc_item(empty, {"collections"}) == json{{"code", "validation_required"}, {"message", "Cannot be blank."}});

    json body = json::parse(R"J({"collections": [
      {"name": "good"},
      {"id": "bad_id", "name": "bad", "listRule": "nosuch = 1"}
    ]})J");
    const auto& e = svc_error(cols::import_collections(*db, body));
    CHECK(e.message == "Failed to import collections.");
    json item = svc_item(e, {"collections"});
    CHECK(item["code"] == "validation_collections_import_failure");
    CHECK(item["message"].get<std::string>().find("Data validations failed for collection \"bad\" (bad_id):\n") == 0);
    CHECK(item["message"].get<std::string>().find("validation_invalid_rule") != std::string::npos);
    CHECK(svc_dump(*db) == before);
  }
}
