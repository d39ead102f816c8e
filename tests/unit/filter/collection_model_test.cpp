#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/collections/collection.h"

namespace {
namespace fcm = fastcms::core::collections;
using nlohmann::json;

std::vector<std::string> collection_model_names(const fcm::Collection& c) { return c.field_names(); }
}  // namespace

TEST_CASE("filter: collection model: default ids are PocketBase's CRC32 ids") {
  CHECK(fcm::crc32_ieee("") == 0u);
  CHECK(fcm::crc32_ieee("123456789") == 0xCBF43926u);
  auto su = fcm::collection_from_json({{"name", "_superusers"}, {"type", "auth"}});
  REQUIRE(su.ok());
  CHECK(su->id == "pbc_3142635823");
  auto users = fcm::collection_from_json({{"name", "users"}, {"type", "auth"}, {"id", "_pb_users_auth_"}});
  REQUIRE(users.ok());
  CHECK(users->id == "_pb_users_auth_");
  auto posts = fcm::collection_from_json({{"name", "posts"}});
  REQUIRE(posts.ok());
  CHECK(posts->type == "base");
  CHECK(posts->id == "pbc_" + std::to_string(fcm::crc32_ieee("baseposts")));
  CHECK(posts->field("id")->id == "text3208210256");
}

TEST_CASE("filter: collection model: implicit fields, options and rules") {
  json def = json::parse(R"({
    "name": "people", "type": "auth",
    "fields": [
      {"name": "nick", "type": "text", "required": true, "max": 20},
      {"name": "teams", "type": "relation", "collection": "teams", "maxSelect": 3},
      {"name": "boss", "type": "relation", "collectionId": "pbc_1", "maxSelect": 1},
      {"name": "mood", "type": "select", "values": ["a", "b"]},
      {"name": "created", "type": "autodate", "onCreate": true}
    ],
    "listRule": "", "viewRule": "id = @request.auth.id", "deleteRule": null, "manageRule": "1 = 1"
  })");
  auto c = fcm::collection_from_json(def);
  REQUIRE(c.ok());
  CHECK(collection_model_names(*c) == std::vector<std::string>{"id", "password", "tokenKey", "email", "emailVisibility",
                                                               "verified", "nick", "teams", "boss", "mood", "created",
                                                               "updated"});
  CHECK(c->field("password")->hidden);
  CHECK(c->field("tokenKey")->hidden);
  CHECK(c->field("id")->system);
  CHECK(c->field("nick")->required);
  CHECK(c->field("nick")->options["max"] == 20);
  CHECK_FALSE(c->field("nick")->options.contains("name"));
  CHECK(c->field("teams")->is_multi());
  CHECK(c->field("teams")->relation_target() == "teams");
  CHECK_FALSE(c->field("boss")->is_multi());
  CHECK(c->field("boss")->relation_target() == "pbc_1");
  CHECK_FALSE(c->field("mood")->is_multi());
  CHECK(c->field("mood")->is_multi_capable());
  CHECK(c->field("nope") == nullptr);
  CHECK(c->list_rule == std::optional<std::string>(""));
  CHECK(c->view_rule == std::optional<std::string>("id = @request.auth.id"));
  CHECK_FALSE(c->create_rule.has_value());
  CHECK_FALSE(c->delete_rule.has_value());
  CHECK(c->manage_rule == std::optional<std::string>("1 = 1"));

  auto view = fcm::collection_from_json({{"name", "stats"}, {"type", "view"}});
  REQUIRE(view.ok());
  CHECK(collection_model_names(*view) == std::vector<std::string>{"id"});
}

TEST_CASE("filter: collection model: bad definitions are errors") {
  CHECK(fcm::collection_from_json(json::object()).error().message ==
        "collection definition: name: expected a non-empty string");
  CHECK(fcm::collection_from_json({{"name", "x"}, {"type", "table"}}).error().message ==
        "collection \"x\": type: expected base, auth or view, got \"table\"");
  CHECK(fcm::collection_from_json(json::parse(R"({"name":"x","fields":[{"name":"a"}]})")).error().message ==
        "collection \"x\": fields[0].type: expected a string");
  CHECK(fcm::collection_from_json(json::parse(R"({"name":"x","fields":[{"name":"a","type":"text"},{"name":"a","type":"text"}]})"))
            .error()
            .message == "collection \"x\": fields[1].name: field \"a\" is declared twice");
}

TEST_CASE("filter: collection model: schema lookup by name and id") {
  auto schema = fcm::schema_from_json(json::parse(R"([{"name":"a"},{"name":"b","id":"bid"}])"));
  REQUIRE(schema.ok());
  CHECK(schema->find("a")->name == "a");
  CHECK(schema->find("bid")->name == "b");
  CHECK(schema->find(schema->find("a")->id)->name == "a");
  CHECK(schema->find("c") == nullptr);
  CHECK(schema->names() == std::vector<std::string>{"a", "b"});
  auto dup = fcm::schema_from_json(json::parse(R"([{"name":"a"},{"name":"a"}])"));
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().message == "collection \"a\" is already in the schema");
}
