#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// A successful authentication: PocketBase answers 200 {"token": ..., "record": ...}.
/// `record` is the FULL stored record (password and tokenKey included): the HTTP layer
/// presents it (records::present_record) with the email always visible, as PocketBase
/// shows an authenticated record its own email, and applies ?expand/?fields.
struct AuthResponse {
  std::string token;
  nlohmann::json record;
  const collections::Collection* collection = nullptr;
  /// The response's optional `meta` (OAuth2 sign-ins); null: no `meta` key.
  nlohmann::json meta;
  /// Set when the sign-in needs another method first (multi-factor auth): PocketBase
  /// answers 401 {"mfaId": mfa_id} and `token` is empty.
  std::string mfa_id = {};

  bool needs_mfa() const { return !mfa_id.empty(); }
};

/// PocketBase's 403 message when the authRule refuses a record.
inline constexpr const char* auth_rule_refused_message =
    "The request doesn't satisfy the collection requirements to authenticate.";

/// 404 "Missing or invalid auth collection context." unless `collection` is an auth collection.
ApiStatus require_auth_collection(const collections::Collection& collection);

/// The collection's authRule (effective_auth_rule) applied to the stored record `record_id`
/// for the requester `ctx`: requesters that bypass rules (superusers) pass; a null rule
/// refuses everyone else; "" lets everyone pass; any other rule must match the record.
/// Refusal (also a rule that no longer compiles, or a failed query) is 403
/// auth_rule_refused_message.
ApiStatus check_auth_rule(db::Connection& db, const collections::Schema& schema,
                          const collections::Collection& collection, std::string_view record_id,
                          const RequestContext& ctx);

/// check_auth_rule for `record`, then the response with `token`.
ApiResult<AuthResponse> auth_response(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, nlohmann::json record,
                                      std::string token, const RequestContext& ctx);

}  // namespace fastcms::core::auth
