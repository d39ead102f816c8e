#pragma once
#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"

/// PocketBase's route guards on who is asking (apis/middlewares.go), as values.
namespace fastcms::core::auth {

/// 401 "The request requires valid record authorization token." for a guest.
ApiStatus require_auth(const RequestContext& ctx);

/// require_auth, then 403 "The authorized record is not allowed to perform this action."
/// unless the requester is a superuser. System callers (CLI, jobs) pass.
ApiStatus require_superuser(const RequestContext& ctx);

/// require_auth, then 403 "The request requires auth record from <auth collection name>
/// collection." unless the requester's collection is `collection`.
ApiStatus require_same_collection_auth(const RequestContext& ctx, const collections::Collection& collection);

}  // namespace fastcms::core::auth
