// The realtime fan-out benchmark's client: opens N SSE streams (GET /api/realtime), subscribes
// each to `posts/*` (POST /api/realtime), then makes W writes (POST a record) one after the
// other and measures, for every client, the time from sending the write until the client has
// the event. Prints one JSON line: {"clients", "writes", "p50_ms", "p99_ms", "max_ms",
// "rss_idle_kb", "rss_base_kb", "rss_per_client_bytes"} (RSS of the server pid given).
// Raw sockets and one epoll set, so that 10,000 streams fit in one small process.
//
// usage: fastcms_bench_realtime PORT SERVER_PID N [WRITES]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int attempt = 0; ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0; ++attempt) {
    if (attempt > 50) {
      std::perror("connect");
      std::exit(1);
    }
    ::close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) {
      std::perror("send");
      std::exit(1);
    }
    done += static_cast<size_t>(n);
  }
}

/// Reads from a blocking socket until `marker` appears in what was read; returns it all.
std::string read_until(int fd, const std::string& marker) {
  std::string got;
  char buf[4096];
  while (got.find(marker) == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      std::cerr << "connection closed while waiting for " << marker << "; got: " << got << "\n";
      std::exit(1);
    }
    got.append(buf, static_cast<size_t>(n));
  }
  return got;
}

/// One request on a keep-alive connection (reopened when the server closes it after its
/// keep-alive limit); returns the status line's code.
int request(int& fd, int port, const std::string& method, const std::string& path, const std::string& body) {
  send_all(fd, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body);
  std::string head = read_until(fd, "\r\n\r\n");
  size_t length = 0;
  if (auto at = head.find("Content-Length: "); at != std::string::npos) length = std::stoul(head.substr(at + 16));
  std::string rest = head.substr(head.find("\r\n\r\n") + 4);
  char buf[4096];
  while (rest.size() < length) {
    ssize_t n = ::recv(fd, buf, std::min(sizeof buf, length - rest.size()), 0);
    if (n <= 0) std::exit(1);
    rest.append(buf, static_cast<size_t>(n));
  }
  if (head.find("Connection: close") != std::string::npos) {
    ::close(fd);
    fd = connect_to(port);
  }
  return std::stoi(head.substr(9, 3));
}

long rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: fastcms_bench_realtime PORT SERVER_PID N [WRITES]\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int server_pid = std::atoi(argv[2]);
  const size_t n = std::strtoul(argv[3], nullptr, 10);
  const int writes = argc > 4 ? std::atoi(argv[4]) : 5;
  const long rss_base = rss_kb(server_pid);

  // Open the streams and learn each client id from its PB_CONNECT frame.
  std::vector<int> streams;
  std::vector<std::string> ids;
  for (size_t i = 0; i < n; ++i) {
    int fd = connect_to(port);
    send_all(fd, "GET /api/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
    std::string got = read_until(fd, "event:PB_CONNECT");
    auto at = got.find("id:");
    ids.push_back(got.substr(at + 3, 40));
    streams.push_back(fd);
  }
  int api = connect_to(port);
  for (const auto& id : ids)
    if (int status = request(api, port, "POST", "/api/realtime", R"({"clientId":")" + id + R"(","subscriptions":["posts/*"]})");
        status != 204) {
      std::cerr << "subscribe answered " << status << "\n";
      return 1;
    }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const long rss_idle = rss_kb(server_pid);

  int ep = ::epoll_create1(0);
  for (size_t i = 0; i < n; ++i) {
    ::fcntl(streams[i], F_SETFL, ::fcntl(streams[i], F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, streams[i], &ev);
  }
  std::vector<double> latencies;
  std::vector<epoll_event> events(1024);
  char buf[8192];
  for (int w = 0; w < writes; ++w) {
    std::vector<bool> got(n, false);
    size_t remaining = n;
    auto t0 = Clock::now();
    if (int status = request(api, port, "POST", "/api/collections/posts/records", R"({"title":"fan-out )" + std::to_string(w) + R"("})");
        status != 200) {
      std::cerr << "create answered " << status << "\n";
      return 1;
    }
    while (remaining > 0) {
      int k = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 10000);
      if (k <= 0) {
        std::cerr << remaining << " clients never got write " << w << "\n";
        return 1;
      }
      auto now = Clock::now();
      for (int e = 0; e < k; ++e) {
        size_t i = events[static_cast<size_t>(e)].data.u64;
        std::string data;
        ssize_t r;
        while ((r = ::recv(streams[i], buf, sizeof buf, 0)) > 0) data.append(buf, static_cast<size_t>(r));
        if (r == 0) {
          std::cerr << "stream " << i << " closed\n";
          return 1;
        }
        if (!got[i] && data.find("event:posts/*") != std::string::npos) {
          got[i] = true;
          --remaining;
          latencies.push_back(std::chrono::duration<double, std::milli>(now - t0).count());
        }
      }
    }
  }
  std::printf(
      "{\"clients\":%zu,\"writes\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"rss_base_kb\":%ld,"
      "\"rss_idle_kb\":%ld,\"rss_per_client_bytes\":%.0f}\n",
      n, writes, percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 1.0), rss_base,
      rss_idle, n ? static_cast<double>(rss_idle - rss_base) * 1024.0 / static_cast<double>(n) : 0.0);
  return 0;
}
