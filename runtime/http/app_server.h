#pragma once
#include <memory>
#include <string>

#include "common/error.h"
#include "core/app/app.h"
#include "core/realtime/hub.h"
#include "http/router.h"
#include "http/server.h"
#include "http/sse_transport.h"

namespace fastcms::http {

/// Every API route of the product on one router: health, records, auth (password and
/// passwordless), collections, settings, batch.
std::shared_ptr<Router> build_api_router(core::App& app);

/// The HTTP server of a running project: ApiServer (transport middleware) + the API router
/// + the realtime hub and its SSE transport.
class AppServer {
 public:
  AppServer(core::App& app, ServerOptions options, core::realtime::HubOptions realtime = {});
  /// Stops the hub's worker before the transport it writes to goes away.
  ~AppServer();

  /// Binds and serves in the background; returns the bound port (0 picks a free one).
  Result<int> start(const std::string& host, int port);
  /// Stops accepting and waits for in-flight requests to finish.
  void stop();

  /// The realtime hub (its subscribers see the record events of every write of the app).
  core::realtime::Hub& realtime() { return hub_; }

 private:
  core::App& app_;
  core::realtime::Hub hub_;
  SseTransport transport_;
  ApiServer server_;
};

}  // namespace fastcms::http
