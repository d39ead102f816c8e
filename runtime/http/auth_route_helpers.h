#pragma once
#include "core/app/app.h"
#include "core/auth/auth_response.h"
#include "http/api_request.h"
#include "http/collection_lookup.h"
#include "http/router.h"

namespace fastcms::http {

/// The answer to a sign-in: {token, record, meta?} with the record presented (an
/// authenticated record sees its own email) and expanded as ?expand asks; 401 {"mfaId"}
/// when another sign-in method must follow; or the error.
ApiResponse auth_success(core::App& app, const ApiRequest& request,
                         const core::ApiResult<core::auth::AuthResponse>& result);

/// A handler for /api/collections/{collection}/…: finds the collection (404 as PocketBase
/// when unknown) and calls f(app, request, collection).
template <class F>
Handler with_collection(core::App& app, F f) {
  return [&app, f](ApiRequest& request) -> ApiResponse {
    auto collection = find_collection(*request.schema, request.param("collection"));
    if (!collection.ok()) return ApiResponse::error(collection.error());
    return f(app, request, **collection);
  };
}

}  // namespace fastcms::http
