#include <doctest/doctest.h>

#include "core/collections/collection_json.h"
#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;

json cjson_of(const json& definition, const cols::Schema* schema = nullptr) {
  auto c = cols::collection_from_json(definition);
  if (!c.ok()) FAIL(c.error().message);
  return cols::collection_to_json(*c, schema);
}

std::vector<std::string> cjson_keys(const json& object) {
  std::vector<std::string> out;
  for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
  return out;
}
}  // namespace

TEST_SUITE("collections json") {
  TEST_CASE("base collection: PocketBase's keys, every field with its options flat") {
    json out = cjson_of(json::parse(R"J({
      "name": "posts", "listRule": "", "created": "2024-01-01 00:00:00.000Z", "updated": "2024-01-02 00:00:00.000Z",
      "fields": [
        {"name": "title", "type": "text", "required": true, "max": 200, "presentable": true},
        {"name": "views", "type": "number"},
        {"name": "tags", "type": "select", "values": ["a", "b"], "maxSelect": 2},
        {"name": "author", "type": "relation", "collectionId": "pbc_1", "maxSelect": 1}
      ],
      "indexes": ["CREATE INDEX idx_title ON posts (title)"]
    })J"));
    CHECK(cjson_keys(out) == std::vector<std::string>{"createRule", "created", "deleteRule", "fields", "id", "indexes",
                                                      "listRule", "name", "system", "type", "updateRule", "updated",
                                                      "viewRule"});
    CHECK(out["id"] == "pbc_" + std::to_string(cols::crc32_ieee("baseposts")));
    CHECK(out["type"] == "base");
    CHECK(out["system"] == false);
    CHECK(out["listRule"] == "");
    CHECK(out["viewRule"].is_null());
    CHECK(out["created"] == "2024-01-01 00:00:00.000Z");
    CHECK(out["indexes"] == json::array({"CREATE INDEX idx_title ON posts (title)"}));

    const json& fields = out["fields"];
    REQUIRE(fields.size() == 7);  // id, title, views, tags, author, created, updated
    CHECK(fields[0] == json::parse(R"J({"id":"text3208210256","name":"id","type":"text","system":true,"hidden":false,
      "presentable":false,"help":"","required":true,"primaryKey":true,"min":15,"max":15,"pattern":"^[a-z0-9]+$",
      "autogeneratePattern":"[a-z0-9]{15}"})J"));
    CHECK(fields[1] == json::parse(R"J({"id":"text724990059","name":"title","type":"text","system":false,"hidden":false,
      "presentable":true,"help":"","required":true,"primaryKey":false,"min":0,"max":200,"pattern":"",
      "autogeneratePattern":""})J"));
    CHECK(fields[2]["min"].is_null());
    CHECK(fields[2]["onlyInt"] == false);
    CHECK(fields[3]["values"] == json::array({"a", "b"}));
    CHECK(fields[4]["collectionId"] == "pbc_1");
    CHECK(fields[4]["cascadeDelete"] == false);
    CHECK(fields[5]["name"] == "created");
    CHECK(fields[5]["onCreate"] == true);
    CHECK_FALSE(fields[5].contains("help"));
    CHECK_FALSE(fields[5].contains("required"));
  }

  TEST_CASE("relation targets written by name get collectionId from the schema") {
    auto schema = cols::schema_from_json(json::parse(R"J([{"name":"users","type":"auth"}])J"));
    REQUIRE(schema.ok());
    json out = cjson_of(json::parse(R"J({"name":"posts","fields":[{"name":"author","type":"relation","collection":"users"}]})J"),
                        &*schema);
    CHECK(out["fields"][1]["collectionId"] == schema->find("users")->id);
    CHECK_FALSE(out["fields"][1].contains("collection"));
  }

  TEST_CASE("auth collection: auth options with PocketBase's defaults, no secrets, implicit indexes") {
    json out = cjson_of(json::parse(R"J({
      "name": "users", "type": "auth",
      "authToken": {"duration": 1000, "secret": "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3t"},
      "oauth2": {"enabled": true, "providers": [{"name": "google", "clientId": "x", "clientSecret": "hidden"}]},
      "passwordAuth": {"identityFields": ["email"]}
    })J"));
    for (const char* key : {"authRule", "manageRule", "authAlert", "oauth2", "passwordAuth", "mfa", "otp", "authToken",
                            "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken",
                            "verificationTemplate", "resetPasswordTemplate", "confirmEmailChangeTemplate"})
      CHECK_MESSAGE(out.contains(key), key);
    CHECK(out["authRule"] == "");
    CHECK(out["manageRule"].is_null());
    CHECK(out["authToken"] == json{{"duration", 1000}});
    CHECK(out["passwordResetToken"] == json{{"duration", 1800}});
    CHECK(out["verificationToken"] == json{{"duration", 86400}});
    CHECK(out["fileToken"] == json{{"duration", 180}});
    CHECK(out["passwordAuth"] == json{{"enabled", true}, {"identityFields", {"email"}}});
    CHECK(out["mfa"] == json{{"enabled", false}, {"duration", 600}, {"rule", ""}});
    CHECK(out["otp"]["length"] == 8);
    CHECK(out["otp"]["emailTemplate"]["subject"] == "OTP for {APP_NAME}");
    CHECK(out["oauth2"]["enabled"] == true);
    CHECK(out["oauth2"]["providers"][0]["name"] == "google");
    CHECK_FALSE(out["oauth2"]["providers"][0].contains("clientSecret"));
    CHECK(out["oauth2"]["mappedFields"] == json{{"id", ""}, {"name", ""}, {"username", ""}, {"avatarURL", ""}});
    CHECK(out["verificationTemplate"]["subject"] == "Verify your {APP_NAME} email");
    CHECK(out["authAlert"]["enabled"] == true);
    std::vector<std::string> names;
    for (const auto& f : out["fields"]) names.push_back(f["name"]);
    CHECK(names == std::vector<std::string>{"id", "password", "tokenKey", "email", "emailVisibility", "verified",
                                            "created", "updated"});
    CHECK(out["fields"][1]["hidden"] == true);
    CHECK(out["fields"][1]["cost"] == 0);
    CHECK(out["indexes"].size() == 2);
    CHECK(out["indexes"][0].get<std::string>().find("idx_email_") != std::string::npos);
  }

  TEST_CASE("view collection adds viewQuery and no auth options") {
    json out = cjson_of({{"name", "v"}, {"type", "view"}, {"viewQuery", "SELECT id FROM posts"}});
    CHECK(out["viewQuery"] == "SELECT id FROM posts");
    CHECK_FALSE(out.contains("authRule"));
    CHECK(out["fields"].size() == 1);
  }

  TEST_CASE("_superusers from the database has PocketBase's id and shape") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());
    auto schema = cols::load_schema(*db);
    REQUIRE(schema.ok());
    const auto* su = (*schema)->find("_superusers");
    REQUIRE(su);
    json out = cols::collection_to_json(*su, schema->get());
    CHECK(out["id"] == "pbc_3142635823");
    CHECK(out["system"] == true);
    CHECK(out["authToken"] == json{{"duration", 86400}});
    CHECK(out["listRule"].is_null());
    CHECK_FALSE(out["created"].get<std::string>().empty());
  }
}
