#include "core/auth/auth_options.h"

#include <algorithm>
#include <cstdint>

namespace fastcms::core::auth {

PasswordAuthOptions password_auth_options(const collections::Collection& collection) {
  PasswordAuthOptions out;
  auto it = collection.definition.find("passwordAuth");
  if (it == collection.definition.end() || !it->is_object()) return out;
  if (auto enabled = it->find("enabled"); enabled != it->end() && enabled->is_boolean())
    out.enabled = enabled->get<bool>();
  if (auto fields = it->find("identityFields"); fields != it->end() && fields->is_array()) {
    std::vector<std::string> declared;
    for (const auto& f : *fields)
      if (f.is_string() && std::find(declared.begin(), declared.end(), f.get<std::string>()) == declared.end())
        declared.push_back(f.get<std::string>());
    if (!declared.empty()) out.identity_fields = std::move(declared);
  }
  return out;
}

MfaOptions mfa_options(const collections::Collection& collection) {
  MfaOptions out;
  auto it = collection.definition.find("mfa");
  if (it == collection.definition.end() || !it->is_object()) return out;
  if (auto enabled = it->find("enabled"); enabled != it->end() && enabled->is_boolean())
    out.enabled = enabled->get<bool>();
  if (auto duration = it->find("duration"); duration != it->end() && duration->is_number_integer() &&
                                            duration->get<long long>() > 0 && duration->get<long long>() <= INT32_MAX)
    out.duration = duration->get<int>();
  if (auto rule = it->find("rule"); rule != it->end() && rule->is_string()) out.rule = rule->get<std::string>();
  return out;
}

std::optional<std::string> effective_auth_rule(const collections::Collection& collection) {
  if (!collection.definition.contains("authRule")) return std::string();
  return collection.auth_rule;
}

}  // namespace fastcms::core::auth
