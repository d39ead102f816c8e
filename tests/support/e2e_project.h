#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "support/process.h"

namespace fastcms::test {

/// Runs `fastcms init NAME --template blank` in `parent` and returns the project's path.
/// Throws std::runtime_error (with fastcms's output) when init fails.
std::filesystem::path init_blank_project(const std::filesystem::path& parent, const std::string& name = "app");

/// Runs `fastcms users create EMAIL <extra_args…> --password-stdin` in `project`, piping
/// `password` and a newline to its stdin.
RunResult create_user(const std::filesystem::path& project, const std::string& email, const std::string& password,
                      const std::vector<std::string>& extra_args = {});

/// A TCP port on 127.0.0.1 that nothing listened on a moment ago (the kernel's choice).
int free_tcp_port();

/// A socket listening on 127.0.0.1:port (0: any free port) for as long as the object lives,
/// so that servers asked to bind that address fail with "address in use".
class ListeningSocket {
 public:
  explicit ListeningSocket(int port = 0);
  ~ListeningSocket();
  ListeningSocket(const ListeningSocket&) = delete;
  ListeningSocket& operator=(const ListeningSocket&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

/// Polls `condition` every 50 ms until it holds (true) or `timeout` passes (false).
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

}  // namespace fastcms::test
