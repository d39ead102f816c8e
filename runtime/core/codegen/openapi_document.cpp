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

ordered_json path_parameter(const char* name, const std::string& description) {
  return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}, {"description", description}};
}

void add_file_paths(ordered_json& paths) {
  ordered_json parameters = ordered_json::array(
      {path_parameter("collection", "The collection's id or name."), path_parameter("recordId", "The record's id."),
       path_parameter("filename", "A stored file name, as the record's file field holds it."),
       query_parameter("thumb", {{"type", "string"}, {"pattern", "^\\d+x\\d+[tbf]?$"}},
                       "A thumbnail size the field lists in `thumbs` (or 100x100): WxH crops from the centre, "
                       "t/b from the top/bottom, f fits; 0xH and Wx0 keep the aspect ratio."),
       query_parameter("width", {{"type", "integer"}, {"minimum", 1}, {"maximum", 4096}}, "Resize to this width."),
       query_parameter("height", {{"type", "integer"}, {"minimum", 1}, {"maximum", 4096}}, "Resize to this height."),
       query_parameter("format", {{"type", "string"}, {"enum", {"webp", "jpeg", "png", "avif"}}}, "Re-encode the image."),
       query_parameter("quality", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}, "Encoder quality."),
       query_parameter("crop", {{"type", "string"}, {"enum", {"center", "top", "bottom", "left", "right"}}},
                       "Cover width x height, cropping from here (otherwise fit inside)."),
       query_parameter("blur", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}, "Gaussian blur sigma."),
       query_parameter("grayscale", {{"type", "boolean"}}, "Drop the colours."),
       query_parameter("download", {{"type", "boolean"}}, "Send as an attachment."),
       query_parameter("token", {{"type", "string"}}, "A file token (POST /api/files/token), for protected fields.")});
  ordered_json binary = {{"description", "The file, a thumbnail or a transform; 206 for a Range request"},
                         {"content", {{"*/*", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  paths["/api/files/{collection}/{recordId}/{filename}"]["get"] = {
      {"operationId", "downloadFile"},
      {"tags", {"files"}},
      {"summary", "Download a record's file"},
      {"description", "Files of protected fields need `token`, and the record's viewRule must hold for its owner."},
      {"security", ordered_json::array({ordered_json::object()})},
      {"parameters", std::move(parameters)},
      {"responses", {{"200", binary},
                     {"206", {{"description", "Part of the file (Range)"}}},
                     {"304", {{"description", "Not modified (If-None-Match)"}}},
                     {"400", ref("responses", "BadRequest")},
                     {"404", ref("responses", "NotFound")},
                     {"416", {{"description", "The range starts past the end"}}}}}};
  paths["/api/files/token"]["post"] = {
      {"operationId", "fileToken"},
      {"tags", {"files"}},
      {"summary", "A short-lived token for protected files"},
      {"responses", {{"200", json_response("The token", object_schema({{"token", {{"type", "string"}}}}, {"token"}))},
                     {"401", ref("responses", "Unauthorized")}}}};
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
  add_file_paths(paths);
  tags.push_back({{"name", "system"}, {"description", "Server endpoints"}});
  tags.push_back({{"name", "files"}, {"description", "Stored files, thumbnails and image transforms"}});

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
