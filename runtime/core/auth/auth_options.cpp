#include "core/auth/auth_options.h"

#include <algorithm>

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

std::optional<std::string> effective_auth_rule(const collections::Collection& collection) {
  if (!collection.definition.contains("authRule")) return std::string();
  return collection.auth_rule;
}

}  // namespace fastcms::core::auth
