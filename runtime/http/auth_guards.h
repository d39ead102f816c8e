#pragma once
#include "core/api_error.h"
#include "core/request_context.h"

namespace fastcms::http {

/// PocketBase's guards: a guest gets 401 "The request requires valid record authorization
/// token.", an authenticated non-superuser 403 "The authorized record is not allowed to
/// perform this action.".
core::ApiStatus require_superuser(const core::RequestContext& ctx);

/// 401 for a guest.
core::ApiStatus require_auth(const core::RequestContext& ctx);

}  // namespace fastcms::http
