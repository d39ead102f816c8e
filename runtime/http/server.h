#pragma once
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "http/api_error.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fastcms::http {

/// Transport settings of the API server.
struct ServerOptions {
  std::vector<std::string> origins{"*"};    ///< CORS allow-list; "*" allows any origin
  long long max_body_size = 32LL * 1024 * 1024;
  int worker_threads = 0;                   ///< 0: a sensible default for the machine
  /// Called once per finished request (method, path, status, duration ms, request id).
  std::function<void(const std::string&, const std::string&, int, double, const std::string&)> access_log;
};

/// Writes a JSON body with the right content type.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

/// Writes `error` in PocketBase's shape with its status.
void send_error(httplib::Response& res, const ApiError& error);

/// The HTTP server: cpp-httplib with fastcms's middleware chain (request id, CORS and
/// preflight, body-size limit, JSON errors for unknown routes and for exceptions,
/// TCP_NODELAY, access log). Routes are added through `raw()` before `start`. A route may
/// keep its connection for a long-lived stream (http/claiming_server.h SocketClaim).
class ApiServer {
 public:
  explicit ApiServer(ServerOptions options);
  ~ApiServer();

  /// The underlying cpp-httplib server, to register routes on.
  httplib::Server& raw();

  /// Binds `host:port` (port 0 picks a free port) and serves on a background thread.
  /// Returns the bound port, or an error naming the address and the reason.
  Result<int> start(const std::string& host, int port);

  /// Stops accepting, lets in-flight requests finish, and joins the serving thread.
  void stop();

 private:
  void install_middleware();

  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace fastcms::http
