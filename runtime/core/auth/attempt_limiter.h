#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace fastcms::core::auth {

/// At most `max_attempts` attempts per key in each window of `window` (a fixed window that
/// starts at a key's first attempt), in memory: PocketBase's extra limit on guessing
/// short numeric codes. Thread-safe.
class AttemptLimiter {
 public:
  AttemptLimiter(int max_attempts, std::chrono::seconds window) : max_(max_attempts), window_(window) {}

  /// Counts one attempt for `key`; false when its window already had max_attempts.
  bool allow(const std::string& key);

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int attempts = 0;
  };
  int max_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, Window> windows_;
};

}  // namespace fastcms::core::auth
