#pragma once
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace fastcms::core::records {

/// PocketBase's precaution against timing attacks on list rules (apis/record_crud.go): the
/// listRule runs in the same statement as the client filter, so a client probing hidden
/// values with filters sees mostly empty pages. When one key (collection + requester) gets
/// more than `max_hits` empty filtered pages within `window`, the caller sleeps a random
/// 0–500 ms. Thread-safe; memory stays bounded (entries older than the window are dropped
/// once the table grows).
class ListTimingGuard {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit ListTimingGuard(size_t max_hits = 3, std::chrono::milliseconds window = std::chrono::seconds(3),
                           Clock clock = {});

  /// Records one empty filtered page for `key`; true when the caller should throttle
  /// (this is more than max_hits within the window).
  bool record_empty_page(const std::string& key);

  /// Keys currently tracked (for tests of the bound).
  size_t tracked_keys() const;

 private:
  void prune(std::chrono::steady_clock::time_point now);

  size_t max_hits_;
  std::chrono::milliseconds window_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> hits_;
};

/// The process-wide guard list_records() uses.
ListTimingGuard& list_timing_guard();

/// Sleeps a random duration in [0, max) (drawn from the system CSPRNG).
void randomized_throttle(std::chrono::milliseconds max = std::chrono::milliseconds(500));

}  // namespace fastcms::core::records
