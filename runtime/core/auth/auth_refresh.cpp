#include "core/auth/auth_refresh.h"

#include "core/auth/auth_record_lookup.h"
#include "core/auth/authenticate.h"
#include "core/auth/jwt.h"
#include "core/auth/record_token.h"
#include "core/auth/require_auth.h"

namespace fastcms::core::auth {

ApiResult<AuthResponse> auth_refresh(db::Connection& db, const collections::Schema& schema,
                                     const collections::Collection& collection, const RequestContext& ctx,
                                     std::string_view authorization, std::string_view project_secret) {
  if (auto same = require_same_collection_auth(ctx, collection); !same.ok()) return same.error();
  auto record = find_record_by_id(db, collection, ctx.auth_id());
  if (!record) return ApiError::internal();
  if (!record->has_value()) return ApiError::not_found("Missing auth record context.");

  std::string token(token_from_authorization(authorization));
  auto claims = peek_claims(token);
  bool refreshable = false;
  if (claims.ok()) {
    auto it = claims->find("refreshable");
    refreshable = it != claims->end() && it->is_boolean() && it->get<bool>();
  }
  if (refreshable) {
    auto fresh = issue_token(collection, **record, TokenKind::auth, project_secret);
    if (!fresh) return ApiError{500, "Failed to refresh auth token.", nlohmann::json::object()};
    token = std::move(*fresh);
  }
  return auth_response(db, schema, collection, std::move(**record), std::move(token), ctx);
}

}  // namespace fastcms::core::auth
