#include "http/server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>

#include "common/random.h"
#include "http/claiming_server.h"

namespace fastcms::http {

namespace {

constexpr const char* request_id_header = "X-Request-Id";
/// When the request being handled on this worker thread arrived: cpp-httplib runs the
/// pre-routing handler, the route and the logger of one request on the same thread.
thread_local long long request_started_ns = 0;

bool origin_allowed(const std::vector<std::string>& origins, const std::string& origin) {
  return std::find(origins.begin(), origins.end(), "*") != origins.end() ||
         std::find(origins.begin(), origins.end(), origin) != origins.end();
}

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, const ApiError& error) { send_json(res, error.status, error.to_json()); }

ApiServer::ApiServer(ServerOptions options) : options_(std::move(options)), server_(std::make_unique<ClaimingServer>()) {
  install_middleware();
}

ApiServer::~ApiServer() { stop(); }

httplib::Server& ApiServer::raw() { return *server_; }

void ApiServer::install_middleware() {
  auto& s = *server_;
  // Without TCP_NODELAY small responses wait for delayed ACKs (~40 ms each).
  s.set_tcp_nodelay(true);
  // cpp-httplib's default also sets SO_REUSEPORT, which would let a second server bind the
  // same port and silently take half the traffic. Keep only SO_REUSEADDR.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // cpp-httplib answers 413 itself when a body exceeds this; the error handler shapes it.
  s.set_payload_max_length(static_cast<size_t>(options_.max_body_size));
  s.set_read_timeout(300);
  s.set_write_timeout(300);
  unsigned workers = options_.worker_threads > 0 ? static_cast<unsigned>(options_.worker_threads)
                                                 : std::max(8u, std::thread::hardware_concurrency() * 4);
  s.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };

  auto origins = options_.origins;
  s.set_pre_routing_handler([origins](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.get_header_value(request_id_header);
    if (id.empty() || id.size() > 64) id = random::token(16);
    res.set_header(request_id_header, id);
    request_started_ns = now_ns();
    // cpp-httplib would cut every response body to a Range header (JSON included) while
    // keeping the handler's status; the file route answers ranges itself.
    const_cast<httplib::Request&>(req).ranges.clear();
    std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && origin_allowed(origins, origin)) {
      res.set_header("Access-Control-Allow-Origin", std::find(origins.begin(), origins.end(), "*") != origins.end() ? "*" : origin);
      res.set_header("Vary", "Origin");
    }
    if (req.method == "OPTIONS") {
      if (!origin.empty() && !origin_allowed(origins, origin)) {
        send_error(res, ApiError::forbidden("The origin " + origin + " is not allowed."));
        return httplib::Server::HandlerResponse::Handled;
      }
      res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      std::string asked = req.get_header_value("Access-Control-Request-Headers");
      res.set_header("Access-Control-Allow-Headers", asked.empty() ? "Authorization, Content-Type" : asked);
      res.set_header("Access-Control-Max-Age", "86400");
      res.status = 204;
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  long long limit = options_.max_body_size;
  s.set_error_handler([limit](const httplib::Request&, httplib::Response& res) {
    // Only shape responses that no handler wrote a body for.
    if (!res.body.empty()) return;
    if (res.status == 413) send_error(res, ApiError::too_large(limit));
    else if (res.status == 404) send_error(res, ApiError::not_found());
    else if (res.status == 405) send_error(res, ApiError{405, "Method not allowed.", nlohmann::json::object()});
    else if (res.status >= 400) send_error(res, ApiError{res.status, "", nlohmann::json::object()});
  });

  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, ApiError::internal());
  });

  auto log = options_.access_log;
  s.set_logger([log](const httplib::Request& req, const httplib::Response& res) {
    if (!log) return;
    double ms = request_started_ns ? static_cast<double>(now_ns() - request_started_ns) / 1e6 : 0.0;
    log(req.method, req.path, res.status, ms, res.get_header_value(request_id_header));
  });
}

Result<int> ApiServer::start(const std::string& host, int port) {
  int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound < 0)
    return Error::failure("cannot listen on " + host + ":" + std::to_string(port) +
                          " (the port may be in use or the address invalid)");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  for (int i = 0; i < 5000 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return bound;
}

void ApiServer::stop() {
  if (server_ && server_->is_running()) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace fastcms::http
