#include "core/backups/active_backup.h"

#include <mutex>

namespace fastcms::core::backups {

namespace {
std::mutex slot_mutex;
std::string running;  // guarded by slot_mutex
}  // namespace

std::optional<ActiveBackup> ActiveBackup::try_start(const std::string& name) {
  std::lock_guard lock(slot_mutex);
  if (!running.empty()) return std::nullopt;
  running = name;
  ActiveBackup claimed;
  claimed.owns_ = true;
  return claimed;
}

std::string ActiveBackup::current() {
  std::lock_guard lock(slot_mutex);
  return running;
}

ActiveBackup::~ActiveBackup() {
  if (!owns_) return;
  std::lock_guard lock(slot_mutex);
  running.clear();
}

}  // namespace fastcms::core::backups
