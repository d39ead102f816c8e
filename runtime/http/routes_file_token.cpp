#include "http/routes_file_token.h"

#include "core/auth/auth_record_lookup.h"
#include "core/auth/record_token.h"
#include "core/auth/require_auth.h"

namespace fastcms::http {

void register_file_token_routes(Router& router, core::App& app) {
  router.add("POST", "/api/files/token", [&app](ApiRequest& request) {
    if (auto allowed = core::auth::require_auth(request.ctx); !allowed.ok()) return ApiResponse::error(allowed.error());
    const auto& collection = *request.ctx.info.auth_collection;
    auto record = core::auth::find_record_by_id(app.db(), collection, request.ctx.auth_id());
    if (!record.ok() || !record->has_value())
      return ApiResponse::error(core::ApiError::unauthorized("The request requires valid record authorization token."));
    auto token = core::auth::issue_token(collection, **record, core::auth::TokenKind::file, app.secret());
    if (!token.ok()) return ApiResponse::error(core::ApiError::from(token.error()));
    return ApiResponse::json({{"token", *token}});
  });
}

}  // namespace fastcms::http
