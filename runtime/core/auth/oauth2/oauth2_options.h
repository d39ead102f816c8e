#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/oauth2/provider.h"
#include "core/collections/collection.h"

namespace fastcms::core::auth::oauth2 {

/// `oauth2.mappedFields`: the record fields a new OAuth2 user's id, name, username and
/// avatar URL are written to ("" = not mapped).
struct MappedFields {
  std::string id, name, username, avatar_url;
};

/// An auth collection's `oauth2{enabled, providers[], mappedFields{}}` option.
struct OAuth2Options {
  bool enabled = false;
  std::vector<ProviderConfig> providers;
  MappedFields mapped_fields;

  /// The first provider named `name`, or nullptr.
  const ProviderConfig* provider(std::string_view name) const;
};

/// The oauth2 option of `collection` (disabled with no providers when absent).
OAuth2Options oauth2_options(const collections::Collection& collection);

/// One provider entry ({name, clientId, clientSecret, authURL, tokenURL, userInfoURL,
/// displayName, pkce, extra}); members of the wrong type count as absent.
ProviderConfig provider_config_from_json(const nlohmann::json& entry);

/// A problem PocketBase reports when a collection is saved, at `path` in the collection JSON
/// (e.g. {"oauth2","providers","0","clientId"}).
struct OptionProblem {
  std::vector<std::string> path;
  std::string code, message;
  nlohmann::json params;
};

/// PocketBase's checks of an enabled `oauth2` option: each provider needs a known name
/// (validation_missing_provider "Invalid or missing provider with name X."), a clientId and
/// a clientSecret (validation_required); authURL, tokenURL and userInfoURL must be URLs when
/// set (validation_is_url); a name may appear once (validation_duplicated_provider). Nothing
/// is checked while the option is disabled.
std::vector<OptionProblem> oauth2_option_problems(const nlohmann::json& oauth2);

/// Gives each provider of `draft` (an `oauth2` option about to be saved) that has no
/// clientSecret the one of the provider with the same name in `stored`: the Collections API
/// never shows secrets, so a client sending a collection back cannot repeat them.
void keep_stored_client_secrets(nlohmann::json& draft, const nlohmann::json& stored);

}  // namespace fastcms::core::auth::oauth2
