#pragma once
#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"

namespace fastcms::test {

/// Where a started server listens, parsed from its "… serving … on HOST:PORT" stdout line.
struct ServerAddress {
  std::string host;  ///< as printed ("127.0.0.1", "[::1]")
  int port = 0;
};

/// The address in a "… serving … on HOST:PORT" line of `output`, if there is one.
std::optional<ServerAddress> find_serving_address(const std::string& output);

struct ServerStartOptions {
  RunOptions run;                   ///< cwd, env, in_child (stdin_data and timeout_seconds are unused)
  int startup_timeout_seconds = 20;
  int stop_timeout_seconds = 10;    ///< after SIGTERM, before SIGKILL
};

/// A long-running child (a server) in its own process group. The constructor starts it and
/// waits for its "serving … on HOST:PORT" stdout line; check started() (and report
/// startup_error()) before using it. Its stdout and stderr are captured for the whole run
/// so failure messages can show them. The destructor ALWAYS stops it (and its process
/// group): SIGTERM, up to stop_timeout_seconds, then SIGKILL; also when a test fails.
class ServerProcess {
 public:
  ServerProcess(const std::vector<std::string>& argv, ServerStartOptions options);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return address_.has_value(); }
  /// Why it did not start (timeout, early exit with its code), with captured stdout and stderr.
  const std::string& startup_error() const { return startup_error_; }

  pid_t pid() const { return pid_; }
  int port() const { return address_ ? address_->port : 0; }
  const std::string& host() const;
  /// "http://HOST:PORT"; a wildcard host (0.0.0.0, [::]) is replaced by its loopback.
  std::string base_url() const;

  std::string captured_stdout() const;
  std::string captured_stderr() const;
  /// Captured stdout and stderr, labelled, for failure messages.
  std::string output_report() const;

  /// Stops the process group (SIGTERM, wait, SIGKILL) and returns the exit code (128+signal
  /// when killed by one). Idempotent: later calls return the same code.
  int stop();

 private:
  void wait_until_serving(int timeout_seconds);

  ServerStartOptions options_;
  pid_t pid_ = -1;
  std::optional<ServerAddress> address_;
  std::string startup_error_;
  std::optional<int> exit_code_;

  mutable std::mutex mutex_;
  std::condition_variable output_changed_;
  std::string stdout_;
  std::string stderr_;
  bool pipes_closed_ = false;
  std::atomic<bool> stop_reading_{false};
  std::thread reader_;
};

/// Starts `fastcms <args>` (default: dev --port 0) in `project_dir`.
std::unique_ptr<ServerProcess> start_fastcms_server(const std::filesystem::path& project_dir,
                                                    const std::vector<std::string>& args = {"dev", "--port", "0"},
                                                    ServerStartOptions options = {});

}  // namespace fastcms::test
