#pragma once

#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// API keys (FastCMS): POST /api/api-keys (create; the secret is in the answer, once),
/// GET /api/api-keys (list), DELETE /api/api-keys/{id} (revoke). See core/auth/api_keys.h.
void register_api_key_routes(Router& router, core::App& app);

}  // namespace fastcms::http
