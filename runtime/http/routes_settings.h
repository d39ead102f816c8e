#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// GET/PATCH /api/settings (superusers): PocketBase's settings shape; secrets are never
/// returned; a PATCH is validated, stored and takes effect at once.
void register_settings_routes(Router& router, core::App& app);

}  // namespace fastcms::http
