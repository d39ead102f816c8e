#pragma once
#include <memory>
#include <string>

#include "common/error.h"
#include "core/app/app.h"
#include "http/router.h"
#include "http/server.h"

namespace fastcms::http {

/// Every API route of the product on one router: health, records, auth (password and
/// passwordless), collections, settings, batch.
std::shared_ptr<Router> build_api_router(core::App& app);

/// The HTTP server of a running project: ApiServer (transport middleware) + the API router.
class AppServer {
 public:
  AppServer(core::App& app, ServerOptions options);

  /// Binds and serves in the background; returns the bound port (0 picks a free one).
  Result<int> start(const std::string& host, int port);
  /// Stops accepting and waits for in-flight requests to finish.
  void stop();

 private:
  core::App& app_;
  ApiServer server_;
};

}  // namespace fastcms::http
