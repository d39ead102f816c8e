#include "core/backups/server_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <string>

#include "common/files.h"

namespace fastcms::core::backups {

namespace {

Result<int> open_lock_file(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  std::filesystem::path path = data_dir / server_lock_name;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::failure("cannot open " + path.string() + ": " + fastcms::files::last_os_error());
  return fd;
}

std::string read_pid(int fd) {
  char buffer[32] = {};
  ssize_t n = ::pread(fd, buffer, sizeof(buffer) - 1, 0);
  std::string pid = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

Result<DataLock> DataLock::for_server(const std::filesystem::path& data_dir) {
  auto fd = open_lock_file(data_dir);
  if (!fd.ok()) return fd.error();
  if (::flock(*fd, LOCK_SH | LOCK_NB) != 0) {
    ::close(*fd);
    return Error::failure("a backup restore is in progress on this project; start the server when it has finished");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(*fd, 0) == 0) (void)!::pwrite(*fd, pid.data(), pid.size(), 0);
  return DataLock(*fd);
}

Result<DataLock> DataLock::for_restore(const std::filesystem::path& data_dir) {
  auto fd = open_lock_file(data_dir);
  if (!fd.ok()) return fd.error();
  if (::flock(*fd, LOCK_EX | LOCK_NB) != 0) {
    std::string pid = read_pid(*fd);
    ::close(*fd);
    return Error::failure("a server is running on this project" + (pid.empty() ? std::string() : " (pid " + pid + ")") +
                          ": stop it first, or restore through it (POST /api/backups/{key}/restore)");
  }
  return DataLock(*fd);
}

DataLock::~DataLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace fastcms::core::backups
