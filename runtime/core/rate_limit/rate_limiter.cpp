#include "core/rate_limit/rate_limiter.h"

#include <algorithm>
#include <vector>

namespace fastcms::core::rate_limit {

namespace {

int seconds_until(RateLimiter::Clock::time_point end, RateLimiter::Clock::time_point now) {
  auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
  return static_cast<int>(std::max<long long>(left, 1));
}

}  // namespace

RateLimitDecision RateLimiter::hit(const std::string& key, int max_requests, std::chrono::seconds window,
                                   Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end() || it->second.end <= now) {
    if (it == windows_.end()) {
      make_room(now);
      it = windows_.emplace(key, Window{}).first;
    }
    it->second = Window{now, now + window, 0};
  }
  Window& w = it->second;
  if (w.count >= max_requests) return {false, seconds_until(w.end, now)};
  ++w.count;
  return {true, 0};
}

size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return windows_.size();
}

void RateLimiter::make_room(Clock::time_point now) {
  // Sweep expired windows every so often, and whenever the map is full.
  if (++inserts_since_sweep_ < 1024 && windows_.size() < max_keys_) return;
  inserts_since_sweep_ = 0;
  std::erase_if(windows_, [now](const auto& entry) { return entry.second.end <= now; });
  if (windows_.size() < max_keys_) return;
  // Still full of live windows: drop the oldest quarter.
  std::vector<Clock::time_point> starts;
  starts.reserve(windows_.size());
  for (const auto& [key, w] : windows_) starts.push_back(w.start);
  size_t drop = std::max<size_t>(windows_.size() / 4, 1);
  std::nth_element(starts.begin(), starts.begin() + static_cast<long>(drop - 1), starts.end());
  Clock::time_point cutoff = starts[drop - 1];
  std::erase_if(windows_, [cutoff](const auto& entry) { return entry.second.start <= cutoff; });
}

}  // namespace fastcms::core::rate_limit
