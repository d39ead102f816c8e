#include "http/claiming_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>

namespace fastcms::http {

namespace {

thread_local SocketClaim* active_claim = nullptr;

/// Waits until `fd` is ready for `events` or `timeout_ms` passes; true when ready.
bool wait_ready(int fd, short events, long long timeout_ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    int n = ::poll(&p, 1, static_cast<int>(timeout_ms));
    if (n < 0 && errno == EINTR) continue;
    return n > 0 && (p.revents & (events | POLLHUP | POLLERR));
  }
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text.data(), text.size());
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text.data(), text.size());
    port = ntohs(a.sin6_port);
  }
  ip = text.data();
}

/// One connection's byte stream for cpp-httplib's request processing: buffered reads and
/// writes with timeouts; once the socket is claimed, writes are swallowed.
class ClaimableStream final : public httplib::Stream {
 public:
  ClaimableStream(int fd, long long read_timeout_ms, long long write_timeout_ms, const SocketClaim& claim)
      : fd_(fd), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms), claim_(claim) {}

  bool is_readable() const override { return pos_ < len_ || wait_ready(fd_, POLLIN, read_timeout_ms_); }
  bool is_writable() const override { return claim_.take || wait_ready(fd_, POLLOUT, write_timeout_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == len_) {
      if (!wait_ready(fd_, POLLIN, read_timeout_ms_)) return -1;
      ssize_t n;
      do n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, len_ - pos_);
    std::copy_n(buffer_.data() + pos_, n, ptr);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (claim_.take) return static_cast<ssize_t>(size);  // the taker answers itself
    if (!wait_ready(fd_, POLLOUT, write_timeout_ms_)) return -1;
    ssize_t n;
    do n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
  }
  socket_t socket() const override { return fd_; }

 private:
  int fd_;
  long long read_timeout_ms_, write_timeout_ms_;
  const SocketClaim& claim_;
  std::array<char, 4096> buffer_{};
  size_t pos_ = 0, len_ = 0;
};

}  // namespace

SocketClaim* current_socket_claim() { return active_claim; }

bool ClaimingServer::process_and_close_socket(socket_t sock) {
  const long long read_ms = read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000;
  const long long write_ms = write_timeout_sec_ * 1000 + write_timeout_usec_ / 1000;
  const auto keep_alive_ms = std::chrono::milliseconds(keep_alive_timeout_sec_ * 1000);
  bool ok = false;
  SocketClaim claim;
  for (size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
    // Wait for the next request in slices, so that stop() is noticed.
    bool readable = false;
    for (auto waited = std::chrono::milliseconds(0); !readable && waited < keep_alive_ms && svr_sock_ != INVALID_SOCKET;
         waited += std::chrono::milliseconds(100))
      readable = wait_ready(sock, POLLIN, 100);
    if (!readable) break;
    ClaimableStream stream(sock, read_ms, write_ms, claim);
    bool closed = false;
    active_claim = &claim;
    ok = process_request(stream, count == 1, closed, nullptr);
    active_claim = nullptr;
    if (claim.take) {
      claim.take(sock);  // the socket has a new owner
      return ok;
    }
    if (!ok || closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace fastcms::http
