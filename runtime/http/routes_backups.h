#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// PocketBase's /api/backups (superusers): GET list [{key,size,modified}], POST create
/// {name?}, POST upload (multipart `file`), GET /{key}?token= download (a superuser's file
/// token), DELETE /{key}, POST /{key}/restore (verifies, answers 204, then swaps the data
/// and restarts the process, as PocketBase does).
void register_backup_routes(Router& router, core::App& app);

}  // namespace fastcms::http
