#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

extern char** environ;

namespace fastcms::test {

std::string fastcms_binary() {
  if (const char* override_path = std::getenv("FASTCMS_TEST_BINARY")) return override_path;
  return FASTCMS_BINARY;
}

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::string dirs = path;
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      std::string candidate = dir + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
    }
    start = end + 1;
  }
  return "";
}

std::optional<SpawnedChild> spawn(const std::vector<std::string>& argv, const RunOptions& options) {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) || ::pipe2(err_pipe, O_CLOEXEC) || ::pipe2(in_pipe, O_CLOEXEC)) return std::nullopt;

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    std::string key = entry.substr(0, entry.find('='));
    if (!options.env.count(key)) env_strings.push_back(entry);
  }
  for (const auto& [k, v] : options.env)
    if (v) env_strings.push_back(k + "=" + *v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& a : args) argp.push_back(a.data());
  argp.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1], in_pipe[0], in_pipe[1]}) ::close(fd);
    return std::nullopt;
  }
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
    if (options.in_child) options.in_child();
    ::execve(argp[0], argp.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ::close(in_pipe[0]);
  return SpawnedChild{pid, in_pipe[1], out_pipe[0], err_pipe[0]};
}

PumpEnd pump_output(int stdout_fd, int stderr_fd, std::chrono::steady_clock::time_point deadline,
                    const std::function<void(OutputStream, std::string_view)>& on_data,
                    const std::function<bool()>& should_stop) {
  pollfd fds[2] = {{stdout_fd, POLLIN, 0}, {stderr_fd, POLLIN, 0}};
  int open_fds = 2;
  char buffer[4096];
  PumpEnd end = PumpEnd::closed;
  while (open_fds > 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      end = PumpEnd::timed_out;
      break;
    }
    if (::poll(fds, 2, 200) <= 0) {
      if (should_stop && should_stop()) {
        end = PumpEnd::stopped;
        break;
      }
      continue;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        on_data(i == 0 ? OutputStream::out : OutputStream::err, std::string_view(buffer, static_cast<size_t>(n)));
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  return end;
}

int exit_code_from_status(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
}

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
  auto child = spawn(argv, options);
  if (!child) return {};
  ::signal(SIGPIPE, SIG_IGN);
  size_t written = 0;
  while (written < options.stdin_data.size()) {
    ssize_t n = ::write(child->stdin_fd, options.stdin_data.data() + written, options.stdin_data.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  ::close(child->stdin_fd);

  RunResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  PumpEnd end = pump_output(child->stdout_fd, child->stderr_fd, deadline, [&](OutputStream stream, std::string_view chunk) {
    (stream == OutputStream::out ? result.out : result.err).append(chunk);
  });
  if (end == PumpEnd::timed_out) ::kill(child->pid, SIGKILL);
  int status = 0;
  ::waitpid(child->pid, &status, 0);
  result.exit_code = exit_code_from_status(status);
  return result;
}

RunOptions in_dir(const std::filesystem::path& cwd) {
  RunOptions o;
  o.cwd = cwd;
  return o;
}

RunResult run_fastcms(const std::vector<std::string>& args, const RunOptions& options) {
  std::vector<std::string> argv{fastcms_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, options);
}

}  // namespace fastcms::test
