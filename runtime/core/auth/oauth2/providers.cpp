#include "core/auth/oauth2/providers.h"

#include <algorithm>
#include <map>

namespace fastcms::core::auth::oauth2 {

namespace {

using Factory = std::unique_ptr<Provider> (*)(const ProviderConfig&);

const std::map<std::string, Factory, std::less<>>& factories() {
  static const std::map<std::string, Factory, std::less<>> table = {
      {"apple", make_apple_provider},     {"discord", make_discord_provider},
      {"github", make_github_provider},   {"gitlab", make_gitlab_provider},
      {"google", make_google_provider},   {"microsoft", make_microsoft_provider},
      {"oidc", make_oidc_provider},       {"oidc2", make_oidc_provider},
      {"oidc3", make_oidc_provider},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& provider_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, factory] : factories()) out.push_back(name);
    return out;
  }();
  return names;
}

bool is_provider_name(std::string_view name) { return factories().count(name) > 0; }

std::unique_ptr<Provider> make_provider(const ProviderConfig& config) {
  auto it = factories().find(config.name);
  return it == factories().end() ? nullptr : it->second(config);
}

}  // namespace fastcms::core::auth::oauth2
