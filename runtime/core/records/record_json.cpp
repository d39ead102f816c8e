#include "core/records/record_json.h"

#include <cmath>

#include "core/records/field_value.h"

namespace fastcms::core::records {

namespace {

nlohmann::json parse_json_text(const std::string& text, nlohmann::json fallback) {
  if (text.empty()) return fallback;
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

nlohmann::json number_json(double v) {
  if (!std::isfinite(v)) return 0;
  if (v == std::trunc(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

nlohmann::json field_json(const collections::Field& field, const db::SqlValue& value) {
  if (value.is_null()) return field.type == "json" ? nlohmann::json(nullptr) : zero_value(field);
  if (field.type == "number") return number_json(value.to_double());
  if (field.type == "bool") return value.to_bool();
  if (field.type == "json") return parse_json_text(value.to_text(), nullptr);
  if (field.type == "geoPoint") return parse_json_text(value.to_text(), zero_value(field));
  if (field.is_multi()) {
    std::string text = value.to_text();
    auto parsed = parse_json_text(text, nullptr);
    if (parsed.is_array()) return parsed;
    // A single value stored before maxSelect grew (plain text, as single values are
    // stored, or a JSON string): show it as a one-item list.
    if (parsed.is_string()) text = parsed.get<std::string>();
    return text.empty() ? nlohmann::json::array() : nlohmann::json::array({text});
  }
  if (field.is_multi_capable()) {
    // A single select/relation/file: a list stored before maxSelect shrank shows its first item.
    std::string text = value.to_text();
    if (!text.empty() && text.front() == '[') {
      auto parsed = parse_json_text(text, nlohmann::json::array());
      if (parsed.is_array()) return parsed.empty() ? nlohmann::json("") : parsed.front();
    }
    return text;
  }
  return value.to_text();
}

}  // namespace

nlohmann::json record_from_row(const collections::Collection& collection, const db::Row& row) {
  nlohmann::json out = nlohmann::json::object();
  out["collectionId"] = collection.id;
  out["collectionName"] = collection.name;
  for (const auto& field : collection.fields) {
    const db::SqlValue* value = row.find(field.name);
    out[field.name] = value ? field_json(field, *value) : zero_value(field);
  }
  return out;
}

nlohmann::json record_as_stored(const collections::Collection& collection, const nlohmann::json& values) {
  nlohmann::json out = nlohmann::json::object();
  out["collectionId"] = collection.id;
  out["collectionName"] = collection.name;
  for (const auto& field : collection.fields) {
    auto it = values.find(field.name);
    out[field.name] = field_json(field, to_sql_value(field, it != values.end() ? *it : nlohmann::json()));
  }
  return out;
}

nlohmann::json present_record(const collections::Collection& collection, nlohmann::json full,
                              const RequestContext& ctx, bool can_manage) {
  full.erase("password");
  full.erase("tokenKey");
  bool privileged = ctx.bypasses_rules();
  if (!privileged) {
    for (const auto& field : collection.fields)
      if (field.hidden) full.erase(field.name);
  }
  if (collection.is_auth() && !privileged && !can_manage) {
    bool visible = full.value("emailVisibility", false);
    bool owner = !ctx.is_guest() && ctx.info.auth_collection &&
                 ctx.info.auth_collection->id == collection.id && ctx.auth_id() == full.value("id", "");
    if (!visible && !owner) full.erase("email");
  }
  return full;
}

db::SqlValue to_sql_value(const collections::Field& field, const nlohmann::json& value) {
  if (field.type == "json") return value.is_null() ? db::SqlValue() : db::SqlValue(value.dump());
  if (value.is_null()) return to_sql_value(field, zero_value(field));
  if (field.type == "bool") return db::SqlValue(value.is_boolean() ? value.get<bool>() : false);
  if (field.type == "number") return db::SqlValue(value.is_number() ? value.get<double>() : 0.0);
  if (value.is_array() || value.is_object()) return db::SqlValue(value.dump());
  if (value.is_string()) return db::SqlValue(value.get<std::string>());
  return db::from_json(value);
}

}  // namespace fastcms::core::records
