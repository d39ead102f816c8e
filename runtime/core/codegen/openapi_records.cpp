#include "core/codegen/openapi_records.h"

#include <algorithm>

#include "core/codegen/field_json_schema.h"
#include "core/codegen/openapi_parts.h"

namespace fastcms::core::codegen::openapi {

namespace {

using collections::Collection;
using collections::Field;

bool shown_in_records(const Field& f) { return !f.hidden && f.type != "password"; }

bool writable(const Field& f) { return f.type != "autodate" && f.name != "tokenKey"; }

/// Whether a create must name the field: required, and not filled in by the server.
bool required_on_create(const Field& f) {
  if (!f.required || f.name == "id") return false;
  return f.options.value("autogeneratePattern", std::string()).empty();
}

ordered_json expand_schema(const collections::Schema& schema, const Collection& c) {
  ordered_json properties = ordered_json::object();
  for (const auto& f : c.fields) {
    if (f.type != "relation") continue;
    const Collection* target = schema.find(f.relation_target());
    ordered_json record = target ? schema_ref(stem(*target) + "Record") : ordered_json{{"type", "object"}};
    properties[f.name] = f.is_multi() ? ordered_json{{"type", "array"}, {"items", record}} : record;
  }
  ordered_json s = object_schema(std::move(properties));
  s["description"] = "Related records, present for the relations named in `?expand=`.";
  return s;
}

ordered_json record_schema(const collections::Schema& schema, const Collection& c) {
  ordered_json properties = {{"collectionId", {{"type", "string"}, {"const", c.id}}},
                             {"collectionName", {{"type", "string"}, {"const", c.name}}}};
  std::vector<std::string> required = {"collectionId", "collectionName"};
  for (const auto& f : c.fields) {
    if (!shown_in_records(f)) continue;
    ordered_json value = field_json_schema(f);
    if (f.system || f.type == "autodate") value["readOnly"] = true;
    properties[f.name] = std::move(value);
    // Others see an auth record's email only when emailVisibility is on.
    if (!(c.is_auth() && f.name == "email")) required.push_back(f.name);
  }
  properties["expand"] = expand_schema(schema, c);
  ordered_json s = object_schema(std::move(properties), required);
  s["description"] = "A record of the " + c.type + " collection `" + c.name + "`.";
  return s;
}

ordered_json write_schema(const Collection& c, bool create) {
  ordered_json properties = ordered_json::object();
  std::vector<std::string> required;
  for (const auto& f : c.fields) {
    if (!writable(f)) continue;
    ordered_json value = field_json_schema(f);
    if (f.type == "password") value["writeOnly"] = true;
    if (f.name == "id") value["description"] = "Optional custom id; generated when left out.";
    if (f.name == "verified") value["description"] = "Only superusers and the collection's manageRule may set it.";
    properties[f.name] = std::move(value);
    if (create && required_on_create(f)) required.push_back(f.name);
  }
  if (c.is_auth()) {
    properties["passwordConfirm"] = {{"type", "string"}, {"writeOnly", true}, {"description", "Must equal password."}};
    if (create) {
      for (const char* name : {"password", "passwordConfirm"})
        if (std::find(required.begin(), required.end(), name) == required.end()) required.push_back(name);
    } else {
      properties["oldPassword"] = {{"type", "string"}, {"writeOnly", true},
                                   {"description", "The current password; required to change it unless a superuser or the manageRule allows."}};
    }
  }
  ordered_json s = object_schema(std::move(properties), required);
  s["description"] = std::string(create ? "Create" : "Update") + " a record of `" + c.name +
                      "`. Multi-value fields also accept `FIELD+` (append) and `FIELD-` (remove) keys; " +
                      "a multipart/form-data body may carry the same fields.";
  return s;
}

bool has_file_fields(const Collection& c) {
  return std::any_of(c.fields.begin(), c.fields.end(), [](const Field& f) { return f.type == "file"; });
}

/// The multipart form of a create or update: each file field as binary parts (with the
/// `+`/`-` modifiers as their own part names), the other fields as text parts or inside a
/// `@jsonPayload` part, as the SDKs send them.
ordered_json multipart_schema(const Collection& c) {
  ordered_json binary = {{"type", "string"}, {"format", "binary"}};
  ordered_json properties = ordered_json::object();
  for (const auto& f : c.fields) {
    if (f.type != "file") continue;
    ordered_json files = f.is_multi() ? ordered_json{{"type", "array"}, {"items", binary}} : binary;
    std::string limits = "maxSize " + std::to_string(f.options.value("maxSize", 0LL) > 0 ? f.options.value("maxSize", 0LL) : 5242880LL) +
                         " bytes per file";
    if (auto types = f.options.find("mimeTypes"); types != f.options.end() && types->is_array() && !types->empty())
      limits += "; types (sniffed from the content): " + types->dump();
    files["description"] = "New files for `" + f.name + "`, replacing its files; " + limits + ".";
    properties[f.name] = files;
    if (f.is_multi()) {
      properties[f.name + "+"] = {{"type", "array"}, {"items", binary}, {"description", "Files appended to `" + f.name + "`."}};
    }
  }
  properties["@jsonPayload"] = {{"type", "string"},
                                {"description", "A JSON object merged into the body (the non-file fields)."}};
  ordered_json schema = object_schema(std::move(properties));
  schema["additionalProperties"] = {{"type", "string"}};
  schema["description"] = "Other fields may also be sent as text parts.";
  return schema;
}

/// A create or update body: JSON, and multipart/form-data when the collection has files.
ordered_json write_body(const Collection& c, const std::string& schema_name) {
  ordered_json body = json_body(schema_ref(schema_name));
  if (has_file_fields(c)) body["content"]["multipart/form-data"] = {{"schema", multipart_schema(c)}};
  return body;
}

ordered_json list_result_schema(const Collection& c) {
  return object_schema({{"page", {{"type", "integer"}, {"minimum", 1}}},
                        {"perPage", {{"type", "integer"}, {"minimum", 1}}},
                        {"totalItems", {{"type", "integer"}, {"description", "-1 with skipTotal"}}},
                        {"totalPages", {{"type", "integer"}, {"description", "-1 with skipTotal"}}},
                        {"items", {{"type", "array"}, {"items", schema_ref(stem(c) + "Record")}}}},
                       {"page", "perPage", "totalItems", "totalPages", "items"});
}

ordered_json parameters(std::initializer_list<const char*> names) {
  ordered_json list = ordered_json::array();
  for (const char* n : names) list.push_back(ref("parameters", n));
  return list;
}

ordered_json operation(const std::string& id, const Collection& c, const std::string& summary) {
  return {{"operationId", id}, {"tags", {c.name}}, {"summary", summary}};
}

ordered_json record_response(const Collection& c, const char* description) {
  return json_response(description, schema_ref(stem(c) + "Record"));
}

ordered_json create_operation(const Collection& c) {
  std::string s = stem(c);
  ordered_json create = operation("create" + s, c, "Create a " + c.name + " record");
  create["parameters"] = parameters({"expand", "fields"});
  create["requestBody"] = write_body(c, s + "Create");
  create["responses"] = {{"200", record_response(c, "The created record")},
                         {"400", ref("responses", "BadRequest")},
                         {"403", ref("responses", "Forbidden")}};
  apply_rule(create, c.create_rule);
  return create;
}

ordered_json update_operation(const Collection& c) {
  std::string s = stem(c);
  ordered_json update = operation("update" + s, c, "Update a " + c.name + " record");
  update["parameters"] = parameters({"expand", "fields"});
  update["requestBody"] = write_body(c, s + "Update");
  update["responses"] = {{"200", record_response(c, "The updated record")},
                         {"400", ref("responses", "BadRequest")},
                         {"403", ref("responses", "Forbidden")},
                         {"404", ref("responses", "NotFound")}};
  apply_rule(update, c.update_rule);
  return update;
}

ordered_json delete_operation(const Collection& c) {
  ordered_json remove = operation("delete" + stem(c), c, "Delete a " + c.name + " record");
  remove["responses"] = {{"204", {{"description", "Deleted"}}},
                         {"400", ref("responses", "BadRequest")},
                         {"403", ref("responses", "Forbidden")},
                         {"404", ref("responses", "NotFound")}};
  apply_rule(remove, c.delete_rule);
  return remove;
}

}  // namespace

void add_record_schemas(ordered_json& schemas, const collections::Schema& schema, const Collection& c) {
  std::string s = stem(c);
  schemas[s + "Record"] = record_schema(schema, c);
  schemas[s + "ListResult"] = list_result_schema(c);
  if (c.type == "view") return;
  schemas[s + "Create"] = write_schema(c, true);
  schemas[s + "Update"] = write_schema(c, false);
}

void add_record_paths(ordered_json& paths, const Collection& c) {
  std::string s = stem(c);
  ordered_json list = operation("list" + s, c, "List and search " + c.name + " records");
  list["description"] = "Records the list rule does not allow are left out (not refused).";
  list["parameters"] = parameters({"page", "perPage", "sort", "filter", "expand", "fields", "skipTotal"});
  list["responses"] = {{"200", json_response("A page of records", schema_ref(s + "ListResult"))},
                       {"400", ref("responses", "BadRequest")},
                       {"403", ref("responses", "Forbidden")}};
  apply_rule(list, c.list_rule);

  ordered_json view = operation("view" + s, c, "View one " + c.name + " record");
  view["parameters"] = parameters({"expand", "fields"});
  view["responses"] = {{"200", record_response(c, "The record")},
                       {"403", ref("responses", "Forbidden")},
                       {"404", ref("responses", "NotFound")}};
  apply_rule(view, c.view_rule);

  // Built apart and stored last: references into an ordered_json object do not survive inserts.
  ordered_json collection_path_item = {{"get", std::move(list)}};
  ordered_json record_path_item = {{"parameters", parameters({"recordId"})}, {"get", std::move(view)}};
  if (c.type != "view") {
    collection_path_item["post"] = create_operation(c);
    record_path_item["patch"] = update_operation(c);
    record_path_item["delete"] = delete_operation(c);
  }
  paths[collection_path(c, "/records")] = std::move(collection_path_item);
  paths[collection_path(c, "/records/{id}")] = std::move(record_path_item);
}

}  // namespace fastcms::core::codegen::openapi
