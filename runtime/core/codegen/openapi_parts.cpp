#include "core/codegen/openapi_parts.h"

#include "core/codegen/type_names.h"

namespace fastcms::core::codegen::openapi {

ordered_json ref(const std::string& kind, const std::string& name) {
  return {{"$ref", "#/components/" + kind + "/" + name}};
}

ordered_json schema_ref(const std::string& name) { return ref("schemas", name); }

ordered_json json_body(ordered_json schema) {
  return {{"required", true}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

ordered_json json_response(const std::string& description, std::optional<ordered_json> schema) {
  ordered_json r = {{"description", description}};
  if (schema) r["content"] = {{"application/json", {{"schema", std::move(*schema)}}}};
  return r;
}

std::string rule_sentence(const std::optional<std::string>& rule) {
  if (!rule) return "Only superusers.";
  if (rule->empty()) return "Anyone, signed in or not.";
  return "Callers for whom the rule `" + *rule + "` holds (superusers always).";
}

void apply_rule(ordered_json& operation, const std::optional<std::string>& rule) {
  operation["x-fastcms-rule"] = rule ? ordered_json(*rule) : ordered_json(nullptr);
  if (!rule) operation["security"] = {{{"authToken", ordered_json::array()}}};
  std::string who = "Who may call: " + rule_sentence(rule);
  std::string text = operation.value("description", std::string());
  operation["description"] = text.empty() ? who : text + "\n\n" + who;
}

ordered_json post_operation(const std::string& operation_id, const std::string& tag, const std::string& summary,
                            ordered_json body_schema, ordered_json responses) {
  responses["400"] = ref("responses", "BadRequest");
  responses["429"] = ref("responses", "TooManyRequests");
  return {{"operationId", operation_id},
          {"tags", {tag}},
          {"summary", summary},
          {"requestBody", json_body(std::move(body_schema))},
          {"responses", std::move(responses)}};
}

std::string stem(const collections::Collection& collection) { return pascal_case(collection.name); }

std::string collection_path(const collections::Collection& collection, const std::string& suffix) {
  return "/api/collections/" + collection.name + suffix;
}

ordered_json object_schema(ordered_json properties, const std::vector<std::string>& required) {
  ordered_json s = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) s["required"] = required;
  return s;
}

}  // namespace fastcms::core::codegen::openapi
