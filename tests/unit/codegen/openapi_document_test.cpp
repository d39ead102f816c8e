// The OpenAPI generator: what each collection kind, field type and rule turns into.
#include <doctest/doctest.h>

#include <set>

#include "core/codegen/openapi_document.h"

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json openapi_for(const json& definitions) {
  auto schema = fastcms::core::collections::schema_from_json(definitions);
  if (!schema.ok()) FAIL(schema.error().message);
  return fastcms::core::codegen::openapi_document(*schema, {"demo", "2.0.0", "https://api.example.com"});
}

const json openapi_test_collections = json::parse(R"J([
  {"name": "members", "type": "auth", "fields": [
     {"name": "nickname", "type": "text", "required": true, "min": 3, "max": 20},
     {"name": "secret_note", "type": "text", "hidden": true}],
   "listRule": null, "viewRule": "id = @request.auth.id", "createRule": "", "updateRule": null, "deleteRule": null},
  {"name": "tasks", "type": "base", "fields": [
     {"name": "title", "type": "text", "required": true},
     {"name": "state", "type": "select", "values": ["open", "done"], "maxSelect": 1},
     {"name": "labels", "type": "select", "values": ["a", "b"], "maxSelect": 2},
     {"name": "owner", "type": "relation", "collection": "members", "maxSelect": 1},
     {"name": "watchers", "type": "relation", "collection": "members", "maxSelect": 5},
     {"name": "estimate", "type": "number", "onlyInt": true, "min": 0, "max": 100},
     {"name": "where", "type": "geoPoint"},
     {"name": "extra", "type": "json"},
     {"name": "photos", "type": "file", "maxSelect": 3, "maxSize": 1000, "mimeTypes": ["image/png"]}],
   "listRule": "", "viewRule": "", "createRule": "@request.auth.id != ''", "updateRule": null, "deleteRule": null},
  {"name": "open_tasks", "type": "view", "viewQuery": "SELECT id, title FROM tasks", "listRule": "", "viewRule": ""}
])J");

}  // namespace

TEST_SUITE("codegen openapi") {
  TEST_CASE("document header, shared components and one tag per collection including _superusers") {
    auto doc = openapi_for(openapi_test_collections);
    CHECK(doc["openapi"] == "3.1.0");
    CHECK(doc["info"]["title"] == "demo");
    CHECK(doc["info"]["version"] == "2.0.0");
    CHECK(doc["servers"][0]["url"] == "https://api.example.com");
    CHECK(doc["components"]["securitySchemes"]["authToken"]["name"] == "Authorization");
    CHECK(doc["components"]["schemas"]["Error"]["required"] == json({"status", "message", "data"}));
    std::vector<std::string> tags;
    for (const auto& t : doc["tags"]) tags.push_back(t["name"]);
    CHECK(tags == std::vector<std::string>{"_superusers", "members", "tasks", "open_tasks", "system", "files"});
    CHECK(doc["paths"].contains("/api/health"));
    CHECK(doc["paths"].contains("/api/batch"));
  }

  TEST_CASE("field types map to JSON Schema with their limits") {
    auto doc = openapi_for(openapi_test_collections);
    const auto& tasks = doc["components"]["schemas"]["TasksRecord"]["properties"];
    CHECK(tasks["state"]["enum"] == json({"open", "done", ""}));
    CHECK(tasks["labels"]["type"] == "array");
    CHECK(tasks["labels"]["items"]["enum"] == json({"a", "b"}));
    CHECK(tasks["labels"]["maxItems"] == 2);
    CHECK(tasks["owner"]["type"] == "string");
    CHECK(tasks["watchers"]["maxItems"] == 5);
    CHECK(json::parse(tasks["estimate"].dump()) == json({{"type", "integer"}, {"minimum", 0.0}, {"maximum", 100.0}}));
    CHECK(tasks["where"]["required"] == json({"lon", "lat"}));
    CHECK(tasks["extra"] == json::object());
    CHECK(tasks["created"]["readOnly"] == true);
    CHECK(tasks["expand"]["properties"]["owner"] == json({{"$ref", "#/components/schemas/MembersRecord"}}));
    CHECK(tasks["expand"]["properties"]["watchers"]["items"] == json({{"$ref", "#/components/schemas/MembersRecord"}}));

    const auto& members = doc["components"]["schemas"]["MembersRecord"];
    CHECK(members["properties"]["nickname"]["minLength"] == 3);
    CHECK(members["properties"]["nickname"]["maxLength"] == 20);
    CHECK_FALSE(members["properties"].contains("secret_note"));
    CHECK_FALSE(members["properties"].contains("password"));
    CHECK_FALSE(members["properties"].contains("tokenKey"));
    // An auth record's email is shown only to its owner or with emailVisibility.
    bool email_required = false;
    for (const auto& name : members["required"]) email_required |= name == "email";
    CHECK_FALSE(email_required);
  }

  TEST_CASE("create and update bodies: writable fields, what create needs, auth passwords") {
    auto doc = openapi_for(openapi_test_collections);
    const auto& create = doc["components"]["schemas"]["MembersCreate"];
    CHECK(create["properties"]["password"]["writeOnly"] == true);
    CHECK(create["properties"].contains("passwordConfirm"));
    CHECK_FALSE(create["properties"].contains("created"));
    CHECK_FALSE(create["properties"].contains("tokenKey"));
    std::vector<std::string> required = create["required"];
    CHECK(std::find(required.begin(), required.end(), "nickname") != required.end());
    CHECK(std::find(required.begin(), required.end(), "passwordConfirm") != required.end());
    CHECK(std::find(required.begin(), required.end(), "id") == required.end());
    const auto& update = doc["components"]["schemas"]["MembersUpdate"];
    CHECK_FALSE(update.contains("required"));
    CHECK(update["properties"].contains("oldPassword"));
    CHECK_FALSE(doc["components"]["schemas"].contains("OpenTasksCreate"));
  }

  TEST_CASE("paths: view collections are read-only, auth collections get their auth endpoints") {
    auto doc = openapi_for(openapi_test_collections);
    const auto& paths = doc["paths"];
    CHECK(paths["/api/collections/open_tasks/records"].contains("get"));
    CHECK_FALSE(paths["/api/collections/open_tasks/records"].contains("post"));
    CHECK_FALSE(paths["/api/collections/open_tasks/records/{id}"].contains("patch"));
    CHECK(paths["/api/collections/tasks/records/{id}"].contains("delete"));
    CHECK(paths.contains("/api/collections/members/auth-with-password"));
    CHECK(paths.contains("/api/collections/members/totp/setup"));
    CHECK(paths.contains("/api/collections/_superusers/auth-with-password"));
    CHECK_FALSE(paths.contains("/api/collections/tasks/auth-with-password"));
    CHECK(paths["/api/collections/members/auth-with-password"]["post"]["responses"]["401"] ==
          json({{"$ref", "#/components/responses/MfaRequired"}}));
  }

  TEST_CASE("collections with file fields also take multipart bodies; the files endpoints are described") {
    auto doc = openapi_for(openapi_test_collections);
    const auto& create = doc["paths"]["/api/collections/tasks/records"]["post"]["requestBody"]["content"];
    REQUIRE(create.contains("multipart/form-data"));
    const auto& form = create["multipart/form-data"]["schema"]["properties"];
    CHECK(form["photos"]["items"]["format"] == "binary");
    CHECK(form["photos+"]["type"] == "array");
    CHECK(form["photos"]["description"].get<std::string>().find("maxSize 1000 bytes") != std::string::npos);
    CHECK(form.contains("@jsonPayload"));
    CHECK(doc["paths"]["/api/collections/tasks/records/{id}"]["patch"]["requestBody"]["content"].contains("multipart/form-data"));
    CHECK_FALSE(doc["paths"]["/api/collections/members/records"]["post"]["requestBody"]["content"].contains("multipart/form-data"));
    const auto& download = doc["paths"]["/api/files/{collection}/{recordId}/{filename}"]["get"];
    CHECK(download["responses"].contains("206"));
    std::set<std::string> names;
    for (const auto& p : download["parameters"]) names.insert(p["name"].get<std::string>());
    for (const char* name : {"thumb", "width", "height", "format", "token", "download"}) CHECK(names.count(name) == 1);
    CHECK(doc["paths"]["/api/files/token"]["post"]["responses"].contains("200"));
  }

  TEST_CASE("rules: null needs a superuser token, others state their filter") {
    auto doc = openapi_for(openapi_test_collections);
    const auto& list = doc["paths"]["/api/collections/members/records"]["get"];
    CHECK(list["x-fastcms-rule"].is_null());
    CHECK(list["security"] == json::parse(R"([{"authToken": []}])"));
    CHECK(list["description"].get<std::string>().find("Only superusers.") != std::string::npos);
    const auto& view = doc["paths"]["/api/collections/members/records/{id}"]["get"];
    CHECK(view["x-fastcms-rule"] == "id = @request.auth.id");
    CHECK_FALSE(view.contains("security"));
    const auto& create = doc["paths"]["/api/collections/members/records"]["post"];
    CHECK(create["description"].get<std::string>().find("Anyone") != std::string::npos);
  }

  TEST_CASE("operation ids are unique across the document") {
    auto doc = openapi_for(openapi_test_collections);
    std::set<std::string> ids;
    size_t count = 0;
    for (const auto& [path, item] : doc["paths"].items())
      for (const auto& [method, op] : item.items())
        if (method != "parameters") {
          ids.insert(op["operationId"].get<std::string>());
          ++count;
        }
    CHECK(ids.size() == count);
    CHECK(count > 40);
  }
}
