#include "core/auth/oauth2/oauth2_options.h"

#include <set>

#include "common/text_formats.h"
#include "core/auth/oauth2/providers.h"

namespace fastcms::core::auth::oauth2 {
using nlohmann::json;

const ProviderConfig* OAuth2Options::provider(std::string_view name) const {
  for (const auto& p : providers)
    if (p.name == name) return &p;
  return nullptr;
}

ProviderConfig provider_config_from_json(const json& entry) {
  ProviderConfig config;
  config.name = json_text(entry, "name");
  config.client_id = json_text(entry, "clientId");
  config.client_secret = json_text(entry, "clientSecret");
  config.auth_url = json_text(entry, "authURL");
  config.token_url = json_text(entry, "tokenURL");
  config.user_info_url = json_text(entry, "userInfoURL");
  config.display_name = json_text(entry, "displayName");
  if (auto pkce = entry.find("pkce"); pkce != entry.end() && pkce->is_boolean()) config.pkce = pkce->get<bool>();
  if (auto extra = entry.find("extra"); extra != entry.end() && extra->is_object()) config.extra = *extra;
  return config;
}

OAuth2Options oauth2_options(const collections::Collection& collection) {
  OAuth2Options options;
  auto oauth2 = collection.definition.find("oauth2");
  if (oauth2 == collection.definition.end() || !oauth2->is_object()) return options;
  options.enabled = oauth2->value("enabled", json(false)) == json(true);
  if (auto providers = oauth2->find("providers"); providers != oauth2->end() && providers->is_array())
    for (const auto& entry : *providers)
      if (entry.is_object()) options.providers.push_back(provider_config_from_json(entry));
  if (auto mapped = oauth2->find("mappedFields"); mapped != oauth2->end() && mapped->is_object())
    options.mapped_fields = {json_text(*mapped, "id"), json_text(*mapped, "name"), json_text(*mapped, "username"),
                             json_text(*mapped, "avatarURL")};
  return options;
}

std::vector<OptionProblem> oauth2_option_problems(const json& oauth2) {
  std::vector<OptionProblem> problems;
  if (!oauth2.is_object() || oauth2.value("enabled", json(false)) != json(true)) return problems;
  auto providers = oauth2.find("providers");
  if (providers == oauth2.end() || !providers->is_array()) return problems;
  std::set<std::string> seen;
  for (size_t i = 0; i < providers->size(); ++i) {
    const json& entry = (*providers)[i];
    const std::vector<std::string> at = {"oauth2", "providers", std::to_string(i)};
    auto add = [&](const char* key, std::string code, std::string message, json params = nullptr) {
      std::vector<std::string> path = at;
      path.push_back(key);
      problems.push_back({std::move(path), std::move(code), std::move(message), std::move(params)});
    };
    ProviderConfig config = entry.is_object() ? provider_config_from_json(entry) : ProviderConfig{};
    if (config.name.empty()) add("name", "validation_required", "Cannot be blank.");
    else if (!is_provider_name(config.name))
      add("name", "validation_missing_provider", "Invalid or missing provider with name " + config.name + ".",
          {{"name", config.name}});
    else if (!seen.insert(config.name).second)
      add("name", "validation_duplicated_provider", "The provider " + config.name + " is already registered.",
          {{"name", config.name}});
    if (config.client_id.empty()) add("clientId", "validation_required", "Cannot be blank.");
    if (config.client_secret.empty()) add("clientSecret", "validation_required", "Cannot be blank.");
    for (auto [key, value] : {std::pair{"authURL", &config.auth_url}, std::pair{"tokenURL", &config.token_url},
                              std::pair{"userInfoURL", &config.user_info_url}})
      if (!value->empty() && !text_formats::is_url(*value)) add(key, "validation_is_url", "Must be a valid URL.");
  }
  return problems;
}

void keep_stored_client_secrets(json& draft, const json& stored) {
  if (!draft.is_object() || !stored.is_object() || !draft.contains("providers") || !stored.contains("providers")) return;
  json& providers = draft["providers"];
  const json& stored_providers = stored["providers"];
  if (!providers.is_array() || !stored_providers.is_array()) return;
  for (auto& entry : providers) {
    if (!entry.is_object() || !json_text(entry, "clientSecret").empty()) continue;
    for (const auto& old : stored_providers)
      if (old.is_object() && json_text(old, "name") == json_text(entry, "name") &&
          !json_text(old, "clientSecret").empty())
        entry["clientSecret"] = old["clientSecret"];
  }
}

}  // namespace fastcms::core::auth::oauth2
