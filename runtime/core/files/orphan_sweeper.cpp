#include "core/files/orphan_sweeper.h"

#include <iostream>

#include "core/files/local_file_storage.h"
#include "core/files/orphan_sweep.h"

namespace fastcms::core::files {

OrphanSweeper::OrphanSweeper(App& app, std::chrono::seconds interval, std::chrono::seconds grace)
    : app_(app), interval_(interval), grace_(grace) {}

OrphanSweeper::~OrphanSweeper() { stop(); }

void OrphanSweeper::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  stop_sweep_ = false;
  thread_ = std::thread([this] { run(); });
}

void OrphanSweeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    stop_sweep_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OrphanSweeper::sweep_once() { sweep(nullptr); }

void OrphanSweeper::sweep(const std::atomic<bool>* stop) {
  auto storage = app_.file_storage();
  auto schema = app_.schema();
  if (!storage || !schema || !dynamic_cast<LocalFileStorage*>(storage.get())) return;
  auto report = sweep_orphan_files(app_.db(), *schema, *storage, grace_, std::chrono::system_clock::now(), stop);
  if (!report.ok()) {
    std::cerr << "fastcms: the orphan file sweep failed: " << report.error().message << std::endl;
    return;
  }
  for (const auto& key : report->removed) std::cerr << "fastcms: removed orphan file " << key << std::endl;
  for (const auto& failure : report->failures)
    std::cerr << "fastcms: removing an orphan file failed: " << failure << std::endl;
}

void OrphanSweeper::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    sweep(&stop_sweep_);
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace fastcms::core::files
