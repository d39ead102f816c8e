#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// POST /api/files/token (auth required): {"token": a file token of the requester, 180 s
/// by default}, for protected files and backup downloads.
void register_file_token_routes(Router& router, core::App& app);

}  // namespace fastcms::http
