#include "common/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/random.h"

namespace fastcms::files {
namespace fs = std::filesystem;

std::string last_os_error() { return std::strerror(errno); }

Result<std::string> read(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::failure(path.string() + ": cannot read file: " + last_os_error());
  std::string content;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && info.st_size > 0) content.reserve(static_cast<size_t>(info.st_size));
  char chunk[65536];
  // Straight into the string while the size fstat gave has room, then in chunks (a file
  // that grew meanwhile is still read to its end).
  for (;;) {
    ssize_t n = 0;
    if (content.size() < content.capacity()) {
      size_t at = content.size();
      content.resize(content.capacity());
      n = ::read(fd, content.data() + at, content.size() - at);
      content.resize(at + static_cast<size_t>(n > 0 ? n : 0));
    } else {
      n = ::read(fd, chunk, sizeof chunk);
      if (n > 0) content.append(chunk, static_cast<size_t>(n));
    }
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string error = last_os_error();
      ::close(fd);
      return Error::failure(path.string() + ": read failed: " + error);
    }
  }
  ::close(fd);
  return content;
}

Status write_atomic(const fs::path& path, const std::string& content, fs::perms perms) {
  fs::path tmp = path;
  tmp += ".tmp-" + random::token(8);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::failure(path.string() + ": cannot write file: " + last_os_error());
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string reason = last_os_error();
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error::failure(path.string() + ": write failed: " + reason);
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string reason = last_os_error();
    ::unlink(tmp.c_str());
    return Error::failure(path.string() + ": write failed: " + reason);
  }
  std::error_code ec;
  fs::permissions(tmp, perms, ec);
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp);
    return Error::failure(path.string() + ": cannot replace file: " + ec.message());
  }
  return Ok{};
}

Result<fs::path> make_temp_dir_beside(const fs::path& beside) {
  fs::path parent = beside.parent_path().empty() ? fs::path(".") : beside.parent_path();
  for (int attempt = 0; attempt < 8; ++attempt) {
    fs::path candidate = parent / ("." + beside.filename().string() + ".tmp-" + random::token(8));
    if (::mkdir(candidate.c_str(), 0755) == 0) return candidate;
    if (errno != EEXIST)
      return Error::failure("cannot create a temporary directory in " + parent.string() + ": " +
                            last_os_error());
  }
  return Error::failure("cannot create a temporary directory in " + parent.string());
}

}  // namespace fastcms::files
