#pragma once
#include "core/app/app.h"
#include "core/realtime/hub.h"
#include "http/router.h"
#include "http/sse_transport.h"

namespace httplib {
class Server;
}

namespace fastcms::http {

/// PocketBase's POST /api/realtime (subscription set and auth binding) and the FastCMS
/// additions: POST /api/realtime/broadcast {channel, event, data}, POST
/// /api/realtime/presence {clientId, channel, state}, and for superusers GET
/// /api/realtime/stats and DELETE /api/realtime/{clientId} (ends that client's stream).
void register_realtime_routes(Router& router, core::realtime::Hub& hub);

/// GET /api/realtime on `server` (a ClaimingServer): registers a hub client, answers with
/// the SSE head (text/event-stream, no-store, X-Accel-Buffering: no, the CORS headers of
/// the request) and hands the connection to `transport`, freeing the worker thread.
/// Register before the generic /api/ routes.
void mount_realtime_stream(httplib::Server& server, core::realtime::Hub& hub, SseTransport& transport);

}  // namespace fastcms::http
