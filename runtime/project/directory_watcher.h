#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>

#include "common/error.h"

namespace fastcms::project {

/// Watches a folder tree (Linux inotify) and calls `on_change` on its own thread once the
/// files have been quiet for `settle` after a change, so an editor's save (write, rename,
/// chmod) triggers one call. Folders created later are watched too.
class DirectoryWatcher {
 public:
  DirectoryWatcher() = default;
  DirectoryWatcher(const DirectoryWatcher&) = delete;
  DirectoryWatcher& operator=(const DirectoryWatcher&) = delete;
  ~DirectoryWatcher();

  Status start(const std::filesystem::path& root, std::function<void()> on_change,
               std::chrono::milliseconds settle = std::chrono::milliseconds(150));
  /// Stops watching and joins the thread; idempotent.
  void stop();

 private:
  void run(std::function<void()> on_change, std::chrono::milliseconds settle);
  void watch_tree(const std::filesystem::path& dir);

  std::filesystem::path root_;
  int fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace fastcms::project
