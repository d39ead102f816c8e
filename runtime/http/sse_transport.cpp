#include "http/sse_transport.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace fastcms::http {

namespace {
constexpr std::uint64_t wake_token = 0;

/// Writes as much of `bytes` as the socket takes; returns the count, or -1 when the
/// connection is broken.
ssize_t write_some(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    return -1;
  }
  return static_cast<ssize_t>(done);
}
}  // namespace

SseTransport::SseTransport(std::function<void(const std::string&)> on_gone) : on_gone_(std::move(on_gone)) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = wake_token;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  thread_ = std::thread([this] { run(); });
}

SseTransport::~SseTransport() {
  stopping_ = true;
  std::uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  for (auto& [id, c] : connections_) {
    c.client->set_wake(nullptr);
    ::close(c.fd);
  }
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

size_t SseTransport::connection_count() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void SseTransport::adopt(int fd, std::shared_ptr<core::realtime::Client> client, std::string head) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  std::uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    Connection& c = connections_[id];
    c.fd = fd;
    c.client = client;
    c.unsent = std::move(head);
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = id;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  }
  client->set_wake([this, id] {
    bool first;
    {
      std::lock_guard lock(mutex_);
      first = dirty_.empty();
      dirty_.push_back(id);
    }
    // One wake-up per batch: a fan-out to 10,000 clients costs one eventfd write, not 10,000.
    if (first) {
      std::uint64_t one = 1;
      (void)!::write(wake_fd_, &one, sizeof one);
    }
  });
  client->wake();
}

void SseTransport::flush(std::uint64_t id) {
  std::unique_lock lock(mutex_);
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection& c = it->second;
  auto& outbox = c.client->outbox();
  std::string bytes = std::move(c.unsent);
  c.unsent.clear();
  bytes += outbox.take();
  if (!bytes.empty()) {
    ssize_t written = write_some(c.fd, bytes);
    if (written < 0) {
      lock.unlock();
      close_connection(id, true);
      return;
    }
    if (static_cast<size_t>(written) < bytes.size() && c.client->closed()) {
      lock.unlock();  // ended by the hub (e.g. dropped for falling behind): no waiting for the rest
      close_connection(id, false);
      return;
    }
    if (static_cast<size_t>(written) < bytes.size()) {
      outbox.unshift(bytes.substr(static_cast<size_t>(written)));
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP | EPOLLOUT;
      ev.data.u64 = id;
      if (!c.want_out) ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev);
      c.want_out = true;
      return;
    }
  }
  if (c.want_out) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = id;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev);
    c.want_out = false;
  }
  if (c.client->closed()) {  // the hub ended it: everything queued is out, now hang up
    lock.unlock();
    close_connection(id, false);
  }
}

void SseTransport::close_connection(std::uint64_t id, bool peer_gone) {
  std::shared_ptr<core::realtime::Client> client;
  {
    std::lock_guard lock(mutex_);
    auto it = connections_.find(id);
    if (it == connections_.end()) return;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->second.fd, nullptr);
    ::shutdown(it->second.fd, SHUT_RDWR);
    ::close(it->second.fd);
    client = std::move(it->second.client);
    connections_.erase(it);
  }
  client->set_wake(nullptr);
  if (peer_gone && on_gone_) on_gone_(client->id());
}

void SseTransport::run() {
  std::array<epoll_event, 256> events{};
  std::array<char, 512> sink{};
  while (!stopping_) {
    int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 1000);
    for (int i = 0; i < n; ++i) {
      const auto& ev = events[static_cast<size_t>(i)];
      std::uint64_t id = ev.data.u64;
      if (id == wake_token) {
        std::uint64_t count;
        (void)!::read(wake_fd_, &count, sizeof count);
        std::vector<std::uint64_t> dirty;
        {
          std::lock_guard lock(mutex_);
          dirty.swap(dirty_);
        }
        for (auto d : dirty) flush(d);
        continue;
      }
      if (ev.events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        int fd = -1;
        {
          std::lock_guard lock(mutex_);
          auto it = connections_.find(id);
          if (it != connections_.end()) fd = it->second.fd;
        }
        if (fd < 0) continue;
        ssize_t got = ::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT);
        bool gone = got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ||
                    (ev.events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR));
        if (gone) {
          close_connection(id, true);
          continue;
        }
      }
      if (ev.events & EPOLLOUT) flush(id);
    }
  }
}

}  // namespace fastcms::http
