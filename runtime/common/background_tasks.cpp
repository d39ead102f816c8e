#include "common/background_tasks.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace fastcms::background {

namespace {

/// One worker thread, started on first use and joined at process exit.
class Worker {
 public:
  ~Worker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void post(std::function<void()> task) {
    {
      std::lock_guard lock(mutex_);
      if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
      queue_.push_back(std::move(task));
      ++submitted_;
    }
    wake_.notify_all();
  }

  void wait_idle() {
    std::unique_lock lock(mutex_);
    const auto target = submitted_;
    idle_.wait(lock, [&] { return finished_ >= target; });
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      auto task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      try {
        task();
      } catch (...) {
      }
      lock.lock();
      ++finished_;
      idle_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<std::function<void()>> queue_;
  unsigned long long submitted_ = 0, finished_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

Worker& worker() {
  static Worker instance;
  return instance;
}

}  // namespace

void run(std::function<void()> task) { worker().post(std::move(task)); }

void wait_idle() { worker().wait_idle(); }

}  // namespace fastcms::background
