#pragma once
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::test {

struct RunOptions {
  std::filesystem::path cwd;                         ///< empty: inherit
  std::map<std::string, std::optional<std::string>> env;  ///< set (value) or unset (nullopt) on top of ours
  std::string stdin_data;
  std::function<void()> in_child;                    ///< runs in the child just before exec
  int timeout_seconds = 60;
};

struct RunResult {
  int exit_code = -1;  ///< the exit status, or 128+signal when killed
  std::string out;
  std::string err;
};

/// Runs `argv` (argv[0] is a path) to completion, capturing stdout and stderr. The child
/// is killed if it outlives the timeout.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

/// Options that run a command in `cwd`.
RunOptions in_dir(const std::filesystem::path& cwd);

/// Runs the built fastcms binary with `args`.
RunResult run_fastcms(const std::vector<std::string>& args, const RunOptions& options = {});

/// Path of the fastcms binary under test.
std::string fastcms_binary();

/// Absolute path of the executable `name` found on PATH, or "" when there is none.
std::string find_program(const std::string& name);

// --- building blocks of run(), for helpers that keep a child running ---------------------

/// A started child and the parent's ends of its stdin, stdout and stderr pipes.
struct SpawnedChild {
  pid_t pid = -1;
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
};

/// Starts `argv` with `options.cwd`, `options.env` and `options.in_child` applied (stdin_data
/// and timeout are the caller's business). nullopt if the pipes or fork fail; a failed exec
/// shows as exit code 127 (126 for a bad cwd).
std::optional<SpawnedChild> spawn(const std::vector<std::string>& argv, const RunOptions& options);

/// Which output pipe a chunk came from.
enum class OutputStream { out, err };

/// Why pump_output returned.
enum class PumpEnd { closed, timed_out, stopped };

/// Reads a child's stdout and stderr as data arrives and hands each chunk to `on_data`, until
/// both pipes are closed, `deadline` passes, or `should_stop` (if set) returns true while both
/// pipes are idle. Takes ownership of both fds: they are closed when it returns.
PumpEnd pump_output(int stdout_fd, int stderr_fd, std::chrono::steady_clock::time_point deadline,
                    const std::function<void(OutputStream, std::string_view)>& on_data,
                    const std::function<bool()>& should_stop = {});

/// The RunResult-style exit code of a waitpid status: the exit status, or 128+signal.
int exit_code_from_status(int wait_status);

}  // namespace fastcms::test
