#include "core/backups/backup_scheduler.h"

#include <iostream>

#include "core/backups/app_backups.h"
#include "core/settings/cron_expression.h"

namespace fastcms::core::backups {

bool scheduled_backup_due(const App& app, std::chrono::system_clock::time_point now) {
  auto settings = app.settings();
  if (!settings) return false;
  std::string cron = settings->value(nlohmann::json::json_pointer("/backups/cron"), std::string());
  if (cron.empty()) return false;
  auto schedule = settings::parse_cron(cron);
  return schedule.ok() && schedule->matches(now);
}

BackupScheduler::BackupScheduler(App& app) : app_(app) {}

BackupScheduler::~BackupScheduler() { stop(); }

void BackupScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void BackupScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackupScheduler::run() {
  using namespace std::chrono;
  auto minute_of = [](system_clock::time_point t) { return floor<minutes>(t); };
  auto last = minute_of(system_clock::now());
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto next = last + minutes(1);
    wake_.wait_until(lock, next, [this] { return stopping_; });
    if (stopping_) break;
    auto now = system_clock::now();
    if (minute_of(now) == last) continue;
    last = minute_of(now);
    lock.unlock();
    if (scheduled_backup_due(app_, now)) {
      auto created = create_scheduled_backup(app_);
      if (!created.ok()) std::cerr << "scheduled backup failed: " << created.error().message << std::endl;
    }
    lock.lock();
  }
}

}  // namespace fastcms::core::backups
