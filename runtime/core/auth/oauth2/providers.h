#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/oauth2/provider.h"

namespace fastcms::core::auth::oauth2 {

/// The provider names a collection may configure: apple, discord, github, gitlab, google,
/// microsoft, oidc, oidc2, oidc3 (the three oidc ones are the same generic OpenID Connect
/// provider, so that a collection can have up to three).
const std::vector<std::string>& provider_names();
bool is_provider_name(std::string_view name);

/// A provider of kind `config.name` set up with `config`; nullptr for an unknown name.
std::unique_ptr<Provider> make_provider(const ProviderConfig& config);

// One factory per provider (each defined in its own file, e.g. google.cpp).
std::unique_ptr<Provider> make_google_provider(const ProviderConfig& config);
std::unique_ptr<Provider> make_github_provider(const ProviderConfig& config);
std::unique_ptr<Provider> make_gitlab_provider(const ProviderConfig& config);
std::unique_ptr<Provider> make_microsoft_provider(const ProviderConfig& config);
std::unique_ptr<Provider> make_apple_provider(const ProviderConfig& config);
std::unique_ptr<Provider> make_discord_provider(const ProviderConfig& config);
std::unique_ptr<Provider> make_oidc_provider(const ProviderConfig& config);

}  // namespace fastcms::core::auth::oauth2
