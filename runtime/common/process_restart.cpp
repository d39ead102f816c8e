#include "common/process_restart.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "common/files.h"

namespace fastcms {

Status restart_process() {
  auto cmdline = files::read("/proc/self/cmdline");
  if (!cmdline.ok()) return cmdline.error();
  std::vector<std::string> args;
  for (std::size_t start = 0; start < cmdline->size();) {
    std::size_t end = cmdline->find('\0', start);
    if (end == std::string::npos) end = cmdline->size();
    args.push_back(cmdline->substr(start, end - start));
    start = end + 1;
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = std::atoi(entry.path().filename().c_str());
    if (fd > 2) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  ::execv("/proc/self/exe", argv.data());
  return Error::failure("cannot restart the process: " + files::last_os_error());
}

}  // namespace fastcms
