#pragma once
#include <optional>
#include <string_view>

namespace fastcms::core::auth {

/// The kinds of record token PocketBase issues; each has its own signing secret and lifetime.
enum class TokenKind { auth, file, verification, password_reset, email_change };

/// The `type` claim of a kind: "auth", "file", "verification", "passwordReset", "emailChange".
std::string_view token_kind_name(TokenKind kind);

/// The kind whose `type` claim is `name`, or nullopt.
std::optional<TokenKind> token_kind_from_name(std::string_view name);

}  // namespace fastcms::core::auth
