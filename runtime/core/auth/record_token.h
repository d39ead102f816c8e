#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/auth/token_kind.h"
#include "core/collections/collection.h"

namespace fastcms::core::auth {

/// Optional parts of a token being issued.
struct TokenOptions {
  /// Lifetime; zero or negative: the collection's duration for the kind (token_settings()).
  std::chrono::seconds duration{0};
  /// The `refreshable` claim of auth tokens (false for impersonation tokens); ignored for
  /// other kinds, which carry no such claim.
  bool refreshable = true;
  /// The `newEmail` claim of emailChange tokens.
  std::string new_email;
  /// The issue time (`exp` = now + duration).
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

/// Signs a token of `kind` for `record` (its full JSON: `id`, `tokenKey`, `email`) of the
/// auth collection `collection`, with PocketBase's claims:
///   {exp, id, type, collectionId}, plus `refreshable` for auth, `email` for verification and
///   passwordReset, `email` and `newEmail` for emailChange.
/// The HS256 key is the record's tokenKey + the kind's secret (token_settings()), so a new
/// tokenKey (set on every password change) invalidates every token issued before. Fails for
/// a non-auth collection, a record without id or tokenKey, or no available secret.
Result<std::string> issue_token(const collections::Collection& collection, const nlohmann::json& record, TokenKind kind,
                                std::string_view project_secret, const TokenOptions& options = {});

/// Checks that `token` is a valid, unexpired token of `kind` for exactly this record of this
/// collection, signed with the record's current tokenKey; returns its claims. The message of
/// a failure says which check failed (for logs; clients only learn the token is invalid).
Result<nlohmann::json> verify_token(std::string_view token, const collections::Collection& collection,
                                    const nlohmann::json& record, TokenKind kind, std::string_view project_secret,
                                    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace fastcms::core::auth
