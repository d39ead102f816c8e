#include "core/auth/token_kind.h"

#include <array>

namespace fastcms::core::auth {

namespace {
constexpr std::array<TokenKind, 5> all_kinds = {TokenKind::auth, TokenKind::file, TokenKind::verification,
                                                TokenKind::password_reset, TokenKind::email_change};
}

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::auth:
      return "auth";
    case TokenKind::file:
      return "file";
    case TokenKind::verification:
      return "verification";
    case TokenKind::password_reset:
      return "passwordReset";
    case TokenKind::email_change:
      return "emailChange";
  }
  return "auth";
}

std::optional<TokenKind> token_kind_from_name(std::string_view name) {
  for (TokenKind kind : all_kinds)
    if (token_kind_name(kind) == name) return kind;
  return std::nullopt;
}

}  // namespace fastcms::core::auth
