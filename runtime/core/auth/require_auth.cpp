#include "core/auth/require_auth.h"

namespace fastcms::core::auth {

ApiStatus require_auth(const RequestContext& ctx) {
  if (ctx.is_guest()) return ApiError::unauthorized("The request requires valid record authorization token.");
  return Ok{};
}

ApiStatus require_superuser(const RequestContext& ctx) {
  if (ctx.system_caller) return Ok{};
  if (auto authed = require_auth(ctx); !authed.ok()) return authed;
  if (!ctx.is_superuser()) return ApiError::forbidden("The authorized record is not allowed to perform this action.");
  return Ok{};
}

ApiStatus require_same_collection_auth(const RequestContext& ctx, const collections::Collection& collection) {
  if (auto authed = require_auth(ctx); !authed.ok()) return authed;
  if (ctx.info.auth_collection->id != collection.id)
    return ApiError::forbidden("The request requires auth record from " + ctx.info.auth_collection->name +
                               " collection.");
  return Ok{};
}

}  // namespace fastcms::core::auth
