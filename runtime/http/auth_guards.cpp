#include "http/auth_guards.h"

namespace fastcms::http {

core::ApiStatus require_auth(const core::RequestContext& ctx) {
  if (ctx.is_guest() && !ctx.system_caller)
    return core::ApiError::unauthorized("The request requires valid record authorization token.");
  return Ok{};
}

core::ApiStatus require_superuser(const core::RequestContext& ctx) {
  if (auto authed = require_auth(ctx); !authed.ok()) return authed;
  if (!ctx.bypasses_rules())
    return core::ApiError::forbidden("The authorized record is not allowed to perform this action.");
  return Ok{};
}

}  // namespace fastcms::http
