#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/app/app.h"

namespace fastcms::core::backups {

/// Whether settings backups.cron (a cron expression, UTC) fires in the minute of `now`;
/// false when it is empty or invalid.
bool scheduled_backup_due(const App& app, std::chrono::system_clock::time_point now);

/// Takes the scheduled backups of a running App: once a minute it reads settings
/// backups.cron (so a settings change applies at once) and, when the expression fires,
/// runs create_scheduled_backup (which prunes beyond cronMaxKeep). Failures are logged to
/// stderr. Stops (and joins) in stop() or the destructor.
class BackupScheduler {
 public:
  explicit BackupScheduler(App& app);
  ~BackupScheduler();
  BackupScheduler(const BackupScheduler&) = delete;
  BackupScheduler& operator=(const BackupScheduler&) = delete;

  void start();
  void stop();

 private:
  void run();
  App& app_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fastcms::core::backups
