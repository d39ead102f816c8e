#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/realtime/client.h"

namespace fastcms::http {

/// Writes realtime clients' streams: one thread with one epoll set for every open SSE
/// connection, so an idle client costs a socket and a few hundred bytes, never a thread.
/// Sockets are non-blocking; a client's bytes wait in its bounded outbox while its socket
/// buffer is full (the hub drops it when the outbox overflows). A peer that closes (or a
/// write that fails) ends the client through `on_gone`.
class SseTransport {
 public:
  /// `on_gone(client_id)`: the connection ended from the peer's side.
  explicit SseTransport(std::function<void(const std::string&)> on_gone);
  ~SseTransport();
  SseTransport(const SseTransport&) = delete;
  SseTransport& operator=(const SseTransport&) = delete;

  /// Takes ownership of `fd` (an accepted connection whose request was read), writes `head`
  /// (the HTTP response head) and from then on the client's outbox.
  void adopt(int fd, std::shared_ptr<core::realtime::Client> client, std::string head);

  size_t connection_count() const;

 private:
  struct Connection {
    int fd = -1;
    std::shared_ptr<core::realtime::Client> client;
    std::string unsent;  ///< the head, until written
    bool want_out = false;
  };
  void run();
  void flush(std::uint64_t id);
  void close_connection(std::uint64_t id, bool peer_gone);

  std::function<void(const std::string&)> on_gone_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread thread_;

  mutable std::mutex mutex_;
  std::map<std::uint64_t, Connection> connections_;
  std::vector<std::uint64_t> dirty_;
  std::uint64_t next_id_ = 1;
};

}  // namespace fastcms::http
