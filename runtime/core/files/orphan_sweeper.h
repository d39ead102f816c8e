#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/app/app.h"

namespace fastcms::core::files {

/// Runs sweep_orphan_files on a running App's current storage and schema in the
/// background: once right after start(), then every `interval` (a day by default), with
/// `grace` (an hour) for files still being written. Only local storage (data/storage, the
/// project's own) is swept: an S3 bucket may be shared with other instances whose records
/// this database cannot see. Logs what it removed and any failure to stderr. stop() (or the
/// destructor) ends a sweep in progress and joins.
class OrphanSweeper {
 public:
  explicit OrphanSweeper(App& app, std::chrono::seconds interval = std::chrono::hours(24),
                         std::chrono::seconds grace = std::chrono::hours(1));
  ~OrphanSweeper();
  OrphanSweeper(const OrphanSweeper&) = delete;
  OrphanSweeper& operator=(const OrphanSweeper&) = delete;

  void start();
  void stop();
  /// One sweep now, on the calling thread; what it removed, logged as the background runs do.
  void sweep_once();

 private:
  void run();
  void sweep(const std::atomic<bool>* stop);
  App& app_;
  std::chrono::seconds interval_;
  std::chrono::seconds grace_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> stop_sweep_{false};
  std::thread thread_;
};

}  // namespace fastcms::core::files
