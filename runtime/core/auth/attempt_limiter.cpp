#include "core/auth/attempt_limiter.h"

namespace fastcms::core::auth {

namespace {
constexpr size_t prune_above = 10000;  // keys kept before finished windows are dropped
}

bool AttemptLimiter::allow(const std::string& key) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (windows_.size() > prune_above)
    std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= window_; });
  auto& w = windows_[key];
  if (w.attempts == 0 || now - w.start >= window_) w = Window{now, 0};
  if (w.attempts >= max_) return false;
  ++w.attempts;
  return true;
}

}  // namespace fastcms::core::auth
