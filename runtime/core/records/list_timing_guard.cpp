#include "core/records/list_timing_guard.h"

#include <thread>

#include "common/random.h"

namespace fastcms::core::records {

namespace {
/// Above this many keys, stale ones are dropped on the next hit.
constexpr size_t prune_threshold = 1024;
}  // namespace

ListTimingGuard::ListTimingGuard(size_t max_hits, std::chrono::milliseconds window, Clock clock)
    : max_hits_(max_hits), window_(window), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

bool ListTimingGuard::record_empty_page(const std::string& key) {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  if (hits_.size() >= prune_threshold) prune(now);
  auto& times = hits_[key];
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  times.push_back(now);
  // Only the last max_hits + 1 matter.
  while (times.size() > max_hits_ + 1) times.pop_front();
  return times.size() > max_hits_;
}

size_t ListTimingGuard::tracked_keys() const {
  std::lock_guard lock(mutex_);
  return hits_.size();
}

void ListTimingGuard::prune(std::chrono::steady_clock::time_point now) {
  for (auto it = hits_.begin(); it != hits_.end();) {
    if (it->second.empty() || now - it->second.back() >= window_)
      it = hits_.erase(it);
    else
      ++it;
  }
}

ListTimingGuard& list_timing_guard() {
  static ListTimingGuard guard;
  return guard;
}

void randomized_throttle(std::chrono::milliseconds max) {
  if (max.count() <= 0) return;
  const std::string raw = random::bytes(4);
  uint32_t n = 0;
  for (unsigned char c : raw) n = (n << 8) | c;
  std::this_thread::sleep_for(std::chrono::milliseconds(n % static_cast<uint32_t>(max.count())));
}

}  // namespace fastcms::core::records
