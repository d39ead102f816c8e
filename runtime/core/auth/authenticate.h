#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/error.h"
#include "core/auth/token_kind.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// Who a valid auth token belongs to.
struct AuthenticatedRecord {
  /// The record as stored (records::record_from_row), password and tokenKey included.
  nlohmann::json record;
  /// Its collection, owned by the Schema passed to authenticate().
  const collections::Collection* collection = nullptr;
  /// The token's claims (`refreshable` tells auth-refresh whether to issue a new token).
  nlohmann::json claims;
};

/// The token in an `Authorization` header value: a "Bearer " prefix (any case) is removed,
/// as PocketBase does; the SDK sends the bare token.
std::string_view token_from_authorization(std::string_view authorization);

/// The record a token of `kind` belongs to (PocketBase's FindAuthRecordByToken): its
/// collectionId names an auth collection of `schema`, its id a stored record, its type is
/// `kind`, and it verifies against the record's CURRENT tokenKey and is unexpired. The
/// message of a failure says what failed, for logs.
Result<AuthenticatedRecord> find_record_by_token(db::Connection& db, const collections::Schema& schema,
                                                 std::string_view token, TokenKind kind,
                                                 std::string_view project_secret,
                                                 std::chrono::system_clock::time_point now =
                                                     std::chrono::system_clock::now());

/// Resolves an `Authorization` header value to the record it authenticates. An API key
/// (`fck_…`) goes to authenticate_api_key (core/auth/api_keys.h). For a token: its
/// collectionId names an auth collection of `schema`, its id a stored record, its type is
/// "auth", and it verifies against the record's CURRENT tokenKey (so a password change,
/// which sets a new tokenKey, ends every earlier token) and is unexpired.
/// Any failure is an Error whose message says what failed, for logs. Like PocketBase the
/// HTTP layer treats a failure as a guest request and lets endpoints that need auth answer
/// 401; an empty header fails with "missing token".
Result<AuthenticatedRecord> authenticate(db::Connection& db, const collections::Schema& schema,
                                         std::string_view authorization, std::string_view project_secret,
                                         std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// Makes `record` the requester of `ctx`: info.auth = the record without password and
/// tokenKey (hidden fields kept, rules may read them), info.auth_collection = &collection
/// (which must outlive ctx: hold the schema snapshot for the request).
void attach_auth(RequestContext& ctx, nlohmann::json record, const collections::Collection& collection);

}  // namespace fastcms::core::auth
