#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "core/api_error.h"
#include "core/auth/authenticate.h"
#include "core/auth/token_kind.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// A confirm form's `token`, checked as PocketBase's forms check it.
struct FormToken {
  std::optional<AuthenticatedRecord> found;  ///< set when the token is good
  nlohmann::json error;                      ///< otherwise the item for data.token
};

/// "" → validation_required; a token that find_record_by_token rejects (bad signature,
/// expired, wrong kind, unknown record, tokenKey changed since) → validation_invalid_token
/// "Invalid or expired token."; a token of another auth collection →
/// validation_token_collection_mismatch "The provided token is for different auth collection.".
FormToken check_form_token(db::Connection& db, const collections::Schema& schema,
                           const collections::Collection& collection, std::string_view token, TokenKind kind,
                           std::string_view project_secret);

/// Saves what a confirmed token changes on `record_id` (as the system: the token was the
/// permission) through records::update_record; a failure keeps its status and data but
/// says `failure_message`, PocketBase's message for that form.
ApiStatus save_confirmed_change(db::Connection& tx, const collections::Schema& schema,
                                const collections::Collection& collection, const std::string& record_id,
                                const nlohmann::json& changes, const char* failure_message);

/// The string claim `key` of `token` read without verification ("" when absent).
std::string unverified_claim(std::string_view token, const char* key);

}  // namespace fastcms::core::auth
