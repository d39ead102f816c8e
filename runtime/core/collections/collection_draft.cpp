#include "core/collections/collection_draft.h"

#include <set>
#include <string>

#include "core/auth/oauth2/oauth2_options.h"
#include "core/collections/collection_defaults.h"
#include "core/collections/collection_definition.h"
#include "core/collections/index_sql.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

const std::set<std::string>& known_keys() {
  static const std::set<std::string> keys = {"id",         "name",       "type",       "system",    "fields",
                                             "indexes",    "listRule",   "viewRule",   "createRule", "updateRule",
                                             "deleteRule", "viewQuery",  "search"};
  return keys;
}

json without_nulls(const json& value) {
  if (!value.is_object()) return value;
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it)
    if (!it->is_null()) out[it.key()] = without_nulls(*it);
  return out;
}

std::string text(const json& object, const char* key, const std::string& fallback = "") {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

json api_draft(const json& body, const json* base) {
  json merged = base ? *base : json::object();
  merge_into(merged, body);
  if (base && merged.contains("oauth2") && base->contains("oauth2"))
    auth::oauth2::keep_stored_client_secrets(merged["oauth2"], (*base)["oauth2"]);
  const std::string type = text(merged, "type", "base");
  json draft = json::object();
  for (auto it = merged.begin(); it != merged.end(); ++it) {
    const std::string& key = it.key();
    if (key == "viewQuery" && type != "view") continue;
    if (is_auth_option(key)) {
      if (type != "auth") continue;
      draft[key] = key == "authRule" || key == "manageRule" ? *it : without_nulls(*it);
      continue;
    }
    if (known_keys().count(key)) draft[key] = *it;
  }
  if (auto fields = draft.find("fields"); fields != draft.end() && fields->is_array())
    for (auto& f : *fields)
      if (f.is_object()) f = without_default_options(f);
  if (auto indexes = draft.find("indexes"); indexes != draft.end() && indexes->is_array()) {
    const std::string name = text(draft, "name");
    const std::string id = text(draft, "id", default_collection_id(type, name));
    json kept = json::array();
    for (const auto& index : *indexes) {
      auto parsed = index.is_string() ? parse_index(index.get<std::string>()) : std::nullopt;
      if (!parsed) {
        kept.push_back(index);
        continue;
      }
      if (type == "auth" && (parsed->name == "idx_email_" + id || parsed->name == "idx_tokenKey_" + id)) continue;
      kept.push_back(name.empty() ? index : json(with_index_table(index.get<std::string>(), name)));
    }
    draft["indexes"] = std::move(kept);
  }
  return draft;
}

}  // namespace fastcms::core::collections
