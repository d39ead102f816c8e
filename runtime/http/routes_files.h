#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// GET /api/files/{collection}/{record}/{name}: a record's stored file (PocketBase's
/// download endpoint): core/files/file_access.h decides who may read it (404 otherwise),
/// http/file_response.h how it is sent (ETag, Range, disposition, sandboxing).
void register_file_routes(Router& router, core::App& app);

}  // namespace fastcms::http
