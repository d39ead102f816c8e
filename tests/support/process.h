#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
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

}  // namespace fastcms::test
