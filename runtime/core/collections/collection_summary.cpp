#include "core/collections/collection_summary.h"

#include <set>

#include "core/collections/collection_checks.h"

namespace fastcms::core::collections {
using nlohmann::json;

std::string rule_in_short(const json& rule) {
  if (rule.is_null()) return "superusers";
  if (rule.is_string() && rule.get<std::string>().empty()) return "everyone";
  return "rule";
}

json summarize(const CollectionFile& file) {
  std::set<std::string> names;
  for (const auto& [n, t] : implicit_fields(file.type())) names.insert(n);
  for (const auto& f : file.definition.value("fields", json::array())) names.insert(f["name"].get<std::string>());
  json rules = json::object();
  for (const char* r : rule_names) rules[r] = file.definition.contains(r) ? file.definition[r] : json(nullptr);
  return {{"name", file.name()},
          {"type", file.type()},
          {"fields", names.size()},
          {"file", file.label},
          {"rules", rules}};
}

}  // namespace fastcms::core::collections
