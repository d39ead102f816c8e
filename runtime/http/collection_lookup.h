#pragma once
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"

namespace fastcms::http {

/// The collection a route's {collection} parameter names (by name or id), or PocketBase's
/// 404 "Missing collection context.".
core::ApiResult<const core::collections::Collection*> find_collection(const core::collections::Schema& schema,
                                                                      std::string_view name_or_id);

}  // namespace fastcms::http
