#pragma once
#include <functional>
#include <httplib.h>

namespace fastcms::http {

/// A route's request to keep its connection's socket after the response (long-lived
/// streams such as realtime SSE): the connection leaves cpp-httplib's worker thread, which
/// goes back to serving other requests, and `take` receives the open socket to own.
struct SocketClaim {
  std::function<void(int fd)> take;
};

/// The claim slot of the request being handled on this thread, or nullptr when the request
/// did not come through a ClaimingServer. A handler that sets `take` owns the socket after
/// it returns; the response it produced is not written (the taker writes its own).
SocketClaim* current_socket_claim();

/// cpp-httplib's server with one change: each connection runs through fastcms's own
/// keep-alive loop (same timeouts and limits as cpp-httplib's) so that a handler can claim
/// the socket (SocketClaim). Written by hand because cpp-httplib 0.11 has no way to detach
/// a connection; everything else (parsing, routing, responses) is cpp-httplib's.
class ClaimingServer : public httplib::Server {
 private:
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace fastcms::http
