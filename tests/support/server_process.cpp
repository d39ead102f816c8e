#include "support/server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <sstream>

namespace fastcms::test {
namespace {

using Clock = std::chrono::steady_clock;

/// "HOST:PORT" (HOST may be a bracketed IPv6 address) → the address, if well formed.
std::optional<ServerAddress> parse_host_port(std::string text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  std::string port_text = text.substr(colon + 1);
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int port = std::stoi(port_text);
  if (port <= 0 || port > 65535) return std::nullopt;
  return ServerAddress{text.substr(0, colon), port};
}

/// Sends `signal` to the process group led by `pid`, or to `pid` alone if it has no group of its own.
void signal_group(pid_t pid, int signal) {
  if (::kill(-pid, signal) != 0 && errno == ESRCH) ::kill(pid, signal);
}

/// Reaps `pid` if it exits before `deadline`.
std::optional<int> wait_for_exit(pid_t pid, Clock::time_point deadline) {
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return exit_code_from_status(status);
    if (r < 0 && errno != EINTR) return -1;  // not our child any more: nothing to wait for
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

std::optional<ServerAddress> find_serving_address(const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    auto serving = line.find("serving ");
    if (serving == std::string::npos) continue;
    auto on = line.rfind(" on ");
    if (on == std::string::npos || on < serving) continue;
    if (auto address = parse_host_port(line.substr(on + 4))) return address;
  }
  return std::nullopt;
}

ServerProcess::ServerProcess(const std::vector<std::string>& argv, ServerStartOptions options)
    : options_(std::move(options)) {
  RunOptions run = options_.run;
  auto user_in_child = run.in_child;
  run.in_child = [user_in_child] {
    ::setpgid(0, 0);  // its own group, so stop() reaches everything it starts
    if (user_in_child) user_in_child();
  };
  auto child = spawn(argv, run);
  if (!child) {
    startup_error_ = "could not start " + (argv.empty() ? std::string("(no command)") : argv[0]) + ": pipe or fork failed";
    return;
  }
  pid_ = child->pid;
  ::setpgid(pid_, pid_);  // also from here, so the group exists before we might signal it
  ::close(child->stdin_fd);
  reader_ = std::thread([this, out = child->stdout_fd, err = child->stderr_fd] {
    pump_output(
        out, err, Clock::time_point::max(),
        [this](OutputStream stream, std::string_view chunk) {
          std::lock_guard lock(mutex_);
          (stream == OutputStream::out ? stdout_ : stderr_).append(chunk);
          output_changed_.notify_all();
        },
        [this] { return stop_reading_.load(); });
    std::lock_guard lock(mutex_);
    pipes_closed_ = true;
    output_changed_.notify_all();
  });
  wait_until_serving(options_.startup_timeout_seconds);
}

void ServerProcess::wait_until_serving(int timeout_seconds) {
  bool closed_early = false;
  {
    std::unique_lock lock(mutex_);
    output_changed_.wait_for(lock, std::chrono::seconds(timeout_seconds), [this] {
      address_ = find_serving_address(stdout_);
      return address_.has_value() || pipes_closed_;
    });
    closed_early = !address_ && pipes_closed_;
  }
  if (address_) return;
  int code = stop();
  std::ostringstream message;
  message << options_.run.cwd.string() << ": the server ";
  if (closed_early)
    message << "exited with code " << code << " before printing its \"serving ... on HOST:PORT\" line";
  else
    message << "printed no \"serving ... on HOST:PORT\" line within " << timeout_seconds << " s (stopped; exit code " << code << ")";
  message << "\n" << output_report();
  startup_error_ = message.str();
}

ServerProcess::~ServerProcess() { stop(); }

const std::string& ServerProcess::host() const {
  static const std::string none;
  return address_ ? address_->host : none;
}

std::string ServerProcess::base_url() const {
  std::string h = host();
  if (h == "0.0.0.0") h = "127.0.0.1";
  if (h == "[::]" || h == "::") h = "[::1]";
  return "http://" + h + ":" + std::to_string(port());
}

std::string ServerProcess::captured_stdout() const {
  std::lock_guard lock(mutex_);
  return stdout_;
}

std::string ServerProcess::captured_stderr() const {
  std::lock_guard lock(mutex_);
  return stderr_;
}

std::string ServerProcess::output_report() const {
  std::lock_guard lock(mutex_);
  return "--- server stdout ---\n" + stdout_ + "\n--- server stderr ---\n" + stderr_ + "\n--- end of server output ---";
}

int ServerProcess::stop() {
  if (exit_code_) return *exit_code_;
  int code = -1;
  if (pid_ > 0) {
    signal_group(pid_, SIGTERM);
    auto exited = wait_for_exit(pid_, Clock::now() + std::chrono::seconds(options_.stop_timeout_seconds));
    if (!exited) {
      signal_group(pid_, SIGKILL);
      exited = wait_for_exit(pid_, Clock::time_point::max());
    }
    code = *exited;
    // Anything the server started and left behind: the group id cannot be reused while it exists.
    ::kill(-pid_, SIGKILL);
  }
  stop_reading_ = true;
  if (reader_.joinable()) reader_.join();
  exit_code_ = code;
  return code;
}

std::unique_ptr<ServerProcess> start_fastcms_server(const std::filesystem::path& project_dir,
                                                    const std::vector<std::string>& args, ServerStartOptions options) {
  std::vector<std::string> argv{fastcms_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  options.run.cwd = project_dir;
  return std::make_unique<ServerProcess>(argv, std::move(options));
}

}  // namespace fastcms::test
