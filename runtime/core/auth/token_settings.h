#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/auth/token_kind.h"
#include "core/collections/collection.h"

namespace fastcms::core::auth {

/// How one kind of token is signed and how long it lives, for one collection.
struct TokenSettings {
  /// Appended to the record's tokenKey to form the HS256 key.
  std::string secret;
  std::chrono::seconds duration{0};
};

/// PocketBase's default lifetimes: auth 432000 s (86400 s for _superusers), file 180 s,
/// verification 86400 s, passwordReset and emailChange 1800 s.
std::chrono::seconds default_token_duration(const collections::Collection& collection, TokenKind kind);

/// The secret used when the collection definition declares none:
/// hex(HMAC-SHA256(project_secret, collection_id + ":" + kind name)). Collection files thus
/// never need to hold secrets, and each collection and kind still gets its own.
std::string derived_token_secret(std::string_view project_secret, std::string_view collection_id, TokenKind kind);

/// The settings of `kind` for `collection`, from its definition's `<kind>Token` object
/// (`authToken`, `fileToken`, `verificationToken`, `passwordResetToken`, `emailChangeToken`):
/// `secret` when it is a non-empty string, else derived_token_secret(); `duration` (seconds)
/// when it is a positive number, else the default. Fails when no secret is declared and the
/// project secret is empty (a key derived from nothing would be guessable).
Result<TokenSettings> token_settings(const collections::Collection& collection, TokenKind kind,
                                     std::string_view project_secret);

}  // namespace fastcms::core::auth
