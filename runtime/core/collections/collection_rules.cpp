#include "core/collections/collection_rules.h"

#include "core/filter/compiler.h"

namespace fastcms::core::collections {
using nlohmann::json;

std::vector<RuleProblem> check_rules(const Collection& c, const Schema& schema) {
  std::vector<RuleProblem> out;
  const filter::RequestInfo request;
  auto check = [&](const json& rule, std::vector<std::string> path) {
    if (!rule.is_string() || rule.get<std::string>().empty()) return;
    auto compiled = filter::compile_filter(rule.get<std::string>(), c, schema, request);
    if (!compiled) out.push_back({std::move(path), compiled.error().message});
  };
  const json& d = c.definition;
  std::vector<const char*> keys = {"listRule", "viewRule", "createRule", "updateRule", "deleteRule"};
  if (c.is_auth()) {
    keys.push_back("authRule");
    keys.push_back("manageRule");
  }
  for (const char* key : keys)
    if (d.contains(key)) check(d[key], {key});
  if (c.is_auth())
    if (auto mfa = d.find("mfa"); mfa != d.end() && mfa->is_object() && mfa->contains("rule"))
      check((*mfa)["rule"], {"mfa", "rule"});
  for (size_t i = 0; i < c.fields.size(); ++i)
    for (const char* key : {"readRule", "writeRule"})
      if (auto it = c.fields[i].options.find(key); it != c.fields[i].options.end())
        check(*it, {"fields", std::to_string(i), key});
  return out;
}

}  // namespace fastcms::core::collections
