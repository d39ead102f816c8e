#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"

namespace fastcms::core::auth {

/// Signs `claims` as an HS256 JSON Web Token with `secret`.
std::string sign_hs256(const nlohmann::json& claims, std::string_view secret);

/// Reads the claims of a token WITHOUT checking its signature: only for choosing which
/// record's key to verify it with. Fails on anything that is not a well-formed JWT.
Result<nlohmann::json> peek_claims(std::string_view token);

/// Verifies an HS256 token: well-formed, "alg" exactly HS256 (never "none" or another
/// algorithm), signature equal in constant time, and "exp" (when present) after `now`.
/// Returns the claims. Every failure has the same public meaning (invalid token); the
/// message says which check failed, for logs.
Result<nlohmann::json> verify_hs256(std::string_view token, std::string_view secret,
                                    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace fastcms::core::auth
