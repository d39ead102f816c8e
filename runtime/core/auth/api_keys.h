#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/auth/authenticate.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"
#include "db/dialect.h"

/// API keys (a FastCMS addition) for service-to-service calls: `fck_` + 40 random base62
/// characters, shown once at creation, stored only as a SHA-256 hash. A key acts as its
/// owner record, narrowed by its scopes (core/auth/api_key_scopes.h), until it expires or
/// is revoked. Accepted wherever an auth token is: `Authorization: fck_…` or `Bearer fck_…`.
namespace fastcms::core::auth {

/// The table of keys: id, name, collectionRef, recordRef, prefix (the first 12 characters,
/// for display), hash (unique), scopes (JSON array), expires ("" = never), lastUsed,
/// revoked, created.
inline constexpr std::string_view api_keys_table = "_apiKeys";

/// The statements creating the table and its indexes.
std::vector<std::string> api_keys_table_statements(const db::Dialect& dialect);

/// Whether an Authorization token is an API key (its `fck_` prefix).
bool is_api_key(std::string_view token);

/// POST /api/api-keys, body {name, scopes[], expires?, collection?, record?}. The caller's
/// own record owns the key; superusers (and system callers) may name another auth record
/// with {collection, record}. 401 for guests, 403 when a non-superuser names another
/// record, 400 with field errors for a blank/long name, no or invalid scopes, or an
/// unparsable or past `expires`. Answers the stored key's description plus `key`, the only
/// time the secret is shown.
ApiResult<nlohmann::json> create_api_key(db::Connection& db, const collections::Schema& schema,
                                         const nlohmann::json& body, const RequestContext& ctx,
                                         std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// GET /api/api-keys: {"items":[…]} with the caller's keys (superusers: every key), newest
/// first, never the secret or its hash. 401 for guests.
ApiResult<nlohmann::json> list_api_keys(db::Connection& db, const RequestContext& ctx);

/// DELETE /api/api-keys/{id}: revokes the key (kept, marked revoked, for the audit trail).
/// 401 for guests; 404 for a key that does not exist or is not the caller's (superusers
/// may revoke any).
ApiStatus revoke_api_key(db::Connection& db, const RequestContext& ctx, std::string_view id);

/// Resolves an API key to its owner: unknown, revoked and expired keys fail with a message
/// naming why (for logs). The claims are {"type":"apiKey","keyId":…,"scopes":[…]}.
/// Records the use in lastUsed at most once a minute.
Result<AuthenticatedRecord> authenticate_api_key(db::Connection& db, const collections::Schema& schema,
                                                 std::string_view key,
                                                 std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace fastcms::core::auth
