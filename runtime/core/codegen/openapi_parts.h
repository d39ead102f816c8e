#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/collections/collection.h"

/// Small builders shared by the OpenAPI generator's files: references, bodies, responses.
namespace fastcms::core::codegen::openapi {

using nlohmann::ordered_json;

/// `{"$ref": "#/components/<kind>/<name>"}`.
ordered_json ref(const std::string& kind, const std::string& name);
ordered_json schema_ref(const std::string& name);

/// A required JSON request body with `schema`.
ordered_json json_body(ordered_json schema);

/// A response with `description` and, when given, a JSON body of `schema`.
ordered_json json_response(const std::string& description, std::optional<ordered_json> schema = std::nullopt);

/// The operation's who-may-call sentence for a collection rule: null → superusers only,
/// "" → anyone, else the filter that must hold.
std::string rule_sentence(const std::optional<std::string>& rule);

/// Adds `security` and the `x-fastcms-rule` extension to `operation` for `rule`: a null
/// rule needs a superuser's token, any other accepts anonymous callers too.
void apply_rule(ordered_json& operation, const std::optional<std::string>& rule);

/// `POST` operation with a JSON body and the given answers (PocketBase error responses for
/// 400 and 429 are added).
ordered_json post_operation(const std::string& operation_id, const std::string& tag, const std::string& summary,
                            ordered_json body_schema, ordered_json responses);

/// The `<Stem>` prefix of a collection's component names ("order_items" → "OrderItems").
std::string stem(const collections::Collection& collection);

/// "/api/collections/<name>" + `suffix`.
std::string collection_path(const collections::Collection& collection, const std::string& suffix);

/// An object schema with `properties` (name → schema) and `required` names.
ordered_json object_schema(ordered_json properties, const std::vector<std::string>& required = {});

}  // namespace fastcms::core::codegen::openapi
