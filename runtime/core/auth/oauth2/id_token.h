#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/http_client.h"

namespace fastcms::core::auth::oauth2 {

/// What an OpenID Connect id_token must satisfy (Apple's, or a generic OIDC provider's
/// when it has no userInfoURL).
struct IdTokenChecks {
  std::string audience;              ///< the client id: `aud` must be or contain it
  std::vector<std::string> issuers;  ///< `iss` must be one of these (none: not checked)
  std::string jwks_url;              ///< the signature is checked against this key set ("": not checked)
  std::chrono::seconds leeway{300};  ///< tolerated clock skew for exp and iat
};

/// The claims of `id_token` once it passed `checks`: well-formed JWT, aud, exp and iat (with
/// the leeway), iss, and, with a jwks_url, an RS256 signature by the key whose `kid` the
/// token names (fetched with `http`). Errors say which check failed.
Result<nlohmann::json> verified_id_token_claims(HttpClient& http, std::string_view id_token, const IdTokenChecks& checks,
                                                std::chrono::system_clock::time_point now =
                                                    std::chrono::system_clock::now());

}  // namespace fastcms::core::auth::oauth2
