#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// POST /api/batch (§1.10): runs record create/update/delete/upsert sub-requests in ONE
/// transaction through the same handlers and rules as direct requests. Off until the
/// settings' batch.enabled is true; at most batch.maxRequests requests; batch.timeout
/// seconds in total. Any failed sub-request rolls every one back.
void register_batch_routes(Router& router, core::App& app);

}  // namespace fastcms::http
