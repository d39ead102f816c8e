#include "project/directory_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fastcms::project {

namespace {
constexpr uint32_t watch_mask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE |
                                IN_DELETE_SELF | IN_ATTRIB;
}

DirectoryWatcher::~DirectoryWatcher() { stop(); }

void DirectoryWatcher::watch_tree(const std::filesystem::path& dir) {
  inotify_add_watch(fd_, dir.c_str(), watch_mask);
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_directory(ec)) inotify_add_watch(fd_, it->path().c_str(), watch_mask);
}

Status DirectoryWatcher::start(const std::filesystem::path& root, std::function<void()> on_change,
                               std::chrono::milliseconds settle) {
  stop();
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return Error::failure(std::string("cannot watch files (inotify): ") + std::strerror(errno));
  watch_tree(root);
  stopping_ = false;
  root_ = root;
  thread_ = std::thread([this, on_change = std::move(on_change), settle] { run(on_change, settle); });
  return Ok{};
}

void DirectoryWatcher::run(std::function<void()> on_change, std::chrono::milliseconds settle) {
  alignas(inotify_event) char buffer[16 * 1024];
  bool pending = false;
  while (!stopping_) {
    pollfd pfd{fd_, POLLIN, 0};
    int timeout = pending ? static_cast<int>(settle.count()) : 100;
    int ready = poll(&pfd, 1, timeout);
    if (ready > 0) {
      ssize_t n = read(fd_, buffer, sizeof buffer);
      for (ssize_t off = 0; n > 0 && off < n;) {
        auto* event = reinterpret_cast<inotify_event*>(buffer + off);
        pending = true;
        off += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
      continue;  // wait until the burst of events settles
    }
    if (ready == 0 && pending) {
      pending = false;
      watch_tree(root_);  // picks up folders created since (adding a watch twice is harmless)
      on_change();
    }
  }
}

void DirectoryWatcher::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

}  // namespace fastcms::project
