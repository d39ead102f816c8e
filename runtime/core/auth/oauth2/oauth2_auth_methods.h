#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"

namespace fastcms::core::auth::oauth2 {

/// The `oauth2` part of GET auth-methods, as PocketBase answers it:
/// {"providers":[...],"enabled":bool}. While the option is disabled: no providers. Each
/// configured provider (in the configured order; unknown names are skipped) gets
/// {name, displayName, state (30 random [A-Za-z0-9]), authURL, codeVerifier, codeChallenge,
/// codeChallengeMethod}: for PKCE providers a 43-character verifier, its S256 challenge
/// (base64url of SHA-256, no padding) and "S256", otherwise three empty strings. authURL
/// carries client_id, code_challenge(_method), response_type=code, scope and state and
/// ends in "&redirect_uri=" so that the client appends its own redirect URL.
nlohmann::json oauth2_auth_methods(const collections::Collection& collection);

/// PocketBase's S256 code challenge of `verifier`: base64url(SHA-256(verifier)), unpadded.
std::string s256_challenge(std::string_view verifier);

}  // namespace fastcms::core::auth::oauth2
