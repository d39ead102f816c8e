#include "support/e2e_project.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace fastcms::test {

std::filesystem::path init_blank_project(const std::filesystem::path& parent, const std::string& name) {
  auto init = run_fastcms({"init", name, "--template", "blank"}, in_dir(parent));
  if (init.exit_code != 0)
    throw std::runtime_error("fastcms init " + name + " exited " + std::to_string(init.exit_code) + ":\n" + init.out +
                             init.err);
  return parent / name;
}

RunResult create_user(const std::filesystem::path& project, const std::string& email, const std::string& password,
                      const std::vector<std::string>& extra_args) {
  std::vector<std::string> args{"users", "create", email};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  args.push_back("--password-stdin");
  RunOptions options = in_dir(project);
  options.stdin_data = password + "\n";
  return run_fastcms(args, options);
}

namespace {

/// A TCP socket bound to 127.0.0.1:port; throws with errno's text when that fails.
int bind_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    int err = errno;
    ::close(fd);
    throw std::runtime_error("bind 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(err));
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

}  // namespace

int free_tcp_port() {
  int fd = bind_loopback(0);
  int port = bound_port(fd);
  ::close(fd);
  return port;
}

ListeningSocket::ListeningSocket(int port) : fd_(bind_loopback(port)), port_(bound_port(fd_)) {
  if (::listen(fd_, 4) != 0) {
    int err = errno;
    ::close(fd_);
    throw std::runtime_error(std::string("listen: ") + std::strerror(err));
  }
}

ListeningSocket::~ListeningSocket() { ::close(fd_); }

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace fastcms::test
