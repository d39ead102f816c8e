#pragma once
#include "http/router.h"

namespace fastcms::http {

/// GET /api/health → 200 {"message":"API is healthy.","code":200,"data":{}}; superusers get
/// data.canBackup (false while a backup or restore runs).
void register_health_routes(Router& router);

}  // namespace fastcms::http
