#include "core/codegen/field_json_schema.h"

#include <string>

namespace fastcms::core::codegen {

namespace {

using collections::Field;
using nlohmann::ordered_json;

/// PocketBase's text limit when a field declares none.
constexpr long long default_text_max = 5000;

long long int_option(const Field& f, const char* key, long long fallback = 0) {
  auto it = f.options.find(key);
  return it != f.options.end() && it->is_number() ? it->get<long long>() : fallback;
}

std::string string_option(const Field& f, const char* key) {
  auto it = f.options.find(key);
  return it != f.options.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ordered_json text_schema(const Field& f) {
  ordered_json s = {{"type", "string"}};
  long long max = int_option(f, "max");
  s["maxLength"] = max > 0 ? max : default_text_max;
  if (f.required) {
    s["minLength"] = std::max(1LL, int_option(f, "min"));
    if (auto pattern = string_option(f, "pattern"); !pattern.empty()) s["pattern"] = pattern;
  }
  return s;
}

ordered_json number_schema(const Field& f) {
  ordered_json s = {{"type", f.options.value("onlyInt", false) ? "integer" : "number"}};
  if (auto it = f.options.find("min"); it != f.options.end() && it->is_number()) s["minimum"] = it->get<double>();
  if (auto it = f.options.find("max"); it != f.options.end() && it->is_number()) s["maximum"] = it->get<double>();
  return s;
}

ordered_json select_schema(const Field& f) {
  ordered_json values = ordered_json::array();
  for (const auto& v : f.options.value("values", nlohmann::json::array()))
    if (v.is_string()) values.push_back(v.get<std::string>());
  ordered_json one = {{"type", "string"}};
  if (!values.empty()) one["enum"] = values;
  if (f.is_multi()) {
    ordered_json s = {{"type", "array"}, {"items", one}, {"uniqueItems", true}};
    s["maxItems"] = int_option(f, "maxSelect", 1);
    return s;
  }
  if (!f.required && !values.empty()) one["enum"].push_back("");
  return one;
}

/// A relation's ids or a file field's names: one string, or an array up to maxSelect.
ordered_json reference_schema(const Field& f, ordered_json one) {
  if (!f.is_multi()) return one;
  ordered_json s = {{"type", "array"}, {"items", std::move(one)}, {"uniqueItems", true}};
  s["maxItems"] = int_option(f, "maxSelect", 1);
  if (long long min = int_option(f, "minSelect"); min > 0) s["minItems"] = min;
  return s;
}

ordered_json date_schema() {
  return {{"type", "string"},
          {"description", "A UTC date time as \"YYYY-MM-DD HH:MM:SS.sssZ\", or \"\" when not set."},
          {"examples", {"2026-01-31 12:00:00.000Z"}}};
}

ordered_json typed_schema(const Field& f) {
  const std::string& t = f.type;
  if (t == "number") return number_schema(f);
  if (t == "bool") return {{"type", "boolean"}};
  if (t == "email") return {{"type", "string"}, {"format", "email"}};
  if (t == "url") return {{"type", "string"}, {"format", "uri"}};
  if (t == "editor") return {{"type", "string"}, {"contentMediaType", "text/html"}};
  if (t == "date" || t == "autodate") return date_schema();
  if (t == "select") return select_schema(f);
  if (t == "json") return ordered_json::object();
  if (t == "geoPoint")
    return {{"type", "object"},
            {"properties", {{"lon", {{"type", "number"}, {"minimum", -180}, {"maximum", 180}}},
                            {"lat", {{"type", "number"}, {"minimum", -90}, {"maximum", 90}}}}},
            {"required", {"lon", "lat"}}};
  if (t == "relation")
    return reference_schema(f, {{"type", "string"}, {"description", "The id of a record of `" + f.relation_target() + "`."}});
  if (t == "file") return reference_schema(f, {{"type", "string"}, {"description", "A stored file name."}});
  return text_schema(f);  // text, password
}

}  // namespace

ordered_json field_json_schema(const Field& field) {
  ordered_json schema = typed_schema(field);
  if (!field.help.empty() && !schema.contains("description")) schema["description"] = field.help;
  return schema;
}

}  // namespace fastcms::core::codegen
