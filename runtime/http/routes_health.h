#pragma once
#include "http/server.h"

namespace fastcms::http {

/// GET/HEAD /api/health → 200 {"message":"API is healthy.","code":200,"data":{}}.
void register_health_routes(ApiServer& server);

}  // namespace fastcms::http
