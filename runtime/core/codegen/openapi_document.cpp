#include "core/codegen/openapi_document.h"

#include "core/codegen/openapi_auth.h"
#include "core/codegen/openapi_parts.h"
#include "core/codegen/openapi_records.h"
#include "core/collections/system_tables.h"

namespace fastcms::core::codegen {

namespace {

using namespace openapi;

ordered_json query_parameter(const char* name, ordered_json schema, const std::string& description) {
  return {{"name", name}, {"in", "query"}, {"required", false}, {"schema", std::move(schema)}, {"description", description}};
}

ordered_json shared_parameters() {
  ordered_json p = ordered_json::object();
  p["page"] = query_parameter("page", {{"type", "integer"}, {"minimum", 1}, {"default", 1}}, "The page (1-based).");
  p["perPage"] = query_parameter("perPage", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 30}},
                                 "Records per page.");
  p["sort"] = query_parameter("sort", {{"type", "string"}}, "Fields to order by, `-` for descending, e.g. `-created,title`.");
  p["filter"] = query_parameter("filter", {{"type", "string"}},
                                "A filter expression, e.g. `status = \"published\" && created > \"2026-01-01\"`.");
  p["expand"] = query_parameter("expand", {{"type", "string"}}, "Relations to expand, comma-separated, nested with dots.");
  p["fields"] = query_parameter("fields", {{"type", "string"}}, "Only these fields in the answer, comma-separated.");
  p["skipTotal"] = query_parameter("skipTotal", {{"type", "boolean"}}, "Skip counting: totalItems and totalPages are -1.");
  p["recordId"] = {{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}},
                   {"description", "The record's id."}};
  return p;
}

ordered_json error_schema() {
  return object_schema({{"status", {{"type", "integer"}}},
                        {"message", {{"type", "string"}}},
                        {"data", {{"type", "object"},
                                  {"description", "Per-field errors: {field: {code, message}}"},
                                  {"additionalProperties", object_schema({{"code", {{"type", "string"}}},
                                                                          {"message", {{"type", "string"}}}},
                                                                         {"code", "message"})}}}},
                       {"status", "message", "data"});
}

ordered_json shared_responses() {
  auto error = [](const char* description) { return json_response(description, schema_ref("Error")); };
  ordered_json mfa = json_response(
      "Another sign-in method must follow (multi-factor auth); `mfaId` goes with the second one",
      object_schema({{"mfaId", {{"type", "string"}}}}, {"mfaId"}));
  return {{"BadRequest", error("Invalid input; `data` names each invalid field")},
          {"Unauthorized", error("A valid auth token is required")},
          {"Forbidden", error("Not allowed for this caller")},
          {"NotFound", error("Not found, or not visible to this caller")},
          {"TooManyRequests", error("Rate limited; retry after the Retry-After header's seconds")},
          {"MfaRequired", std::move(mfa)}};
}

void add_system_paths(ordered_json& paths) {
  paths["/api/health"]["get"] = {
      {"operationId", "health"},
      {"tags", {"system"}},
      {"summary", "Whether the server is up"},
      {"security", ordered_json::array({ordered_json::object()})},
      {"responses", {{"200", json_response("Healthy", object_schema({{"code", {{"type", "integer"}}},
                                                                     {"message", {{"type", "string"}}},
                                                                     {"data", {{"type", "object"}}}},
                                                                    {"code", "message"}))}}}};
  ordered_json request = object_schema({{"method", {{"type", "string"}, {"enum", {"POST", "PUT", "PATCH", "DELETE"}}}},
                                        {"url", {{"type", "string"}}},
                                        {"headers", {{"type", "object"}}},
                                        {"body", {{"type", "object"}}}},
                                       {"method", "url"});
  ordered_json result = object_schema({{"status", {{"type", "integer"}}}, {"body", ordered_json::object()}}, {"status"});
  paths["/api/batch"]["post"] =
      post_operation("batch", "system", "Several record writes in one transaction (when batch is enabled)",
                     object_schema({{"requests", {{"type", "array"}, {"items", request}}}}, {"requests"}),
                     {{"200", json_response("One result per request", ordered_json{{"type", "array"}, {"items", result}})},
                      {"403", ref("responses", "Forbidden")}});
}

}  // namespace

ordered_json openapi_document(const collections::Schema& schema, const OpenApiInfo& info) {
  std::vector<const collections::Collection*> all;
  auto superusers = collections::collection_from_json(collections::superusers_definition());
  if (superusers && !schema.find(superusers->name)) all.push_back(&*superusers);
  for (const auto& c : schema.collections()) all.push_back(c.get());

  ordered_json schemas = {{"Error", error_schema()}};
  ordered_json paths = ordered_json::object();
  ordered_json tags = ordered_json::array();
  add_shared_auth_schemas(schemas);
  for (const auto* c : all) {
    add_record_schemas(schemas, schema, *c);
    add_record_paths(paths, *c);
    if (c->is_auth()) {
      add_auth_schemas(schemas, *c);
      add_auth_paths(paths, *c);
    }
    tags.push_back({{"name", c->name}, {"description", "The " + c->type + " collection " + c->name}});
  }
  add_system_paths(paths);
  tags.push_back({{"name", "system"}, {"description", "Server endpoints"}});

  ordered_json auth_token = {{"type", "apiKey"},
                             {"in", "header"},
                             {"name", "Authorization"},
                             {"description", "A record's or superuser's auth token (optionally after `Bearer `), or an API key (`fck_…`)."}};
  return {{"openapi", "3.1.0"},
          {"info", {{"title", info.title}, {"version", info.version},
                    {"description", "The HTTP API of " + info.title + ", generated by `fastcms gen openapi` from app/collections. "
                                    "Compatible with the PocketBase SDKs."}}},
          {"servers", ordered_json::array({{{"url", info.server_url}}})},
          {"security", ordered_json::array({ordered_json::object(), {{"authToken", ordered_json::array()}}})},
          {"tags", std::move(tags)},
          {"paths", std::move(paths)},
          {"components", {{"schemas", std::move(schemas)},
                          {"parameters", shared_parameters()},
                          {"responses", shared_responses()},
                          {"securitySchemes", {{"authToken", std::move(auth_token)}}}}}};
}

}  // namespace fastcms::core::codegen
