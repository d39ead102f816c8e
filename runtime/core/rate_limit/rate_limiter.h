#pragma once
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace fastcms::core::rate_limit {

/// Whether one request may pass, and when the caller may try again if not.
struct RateLimitDecision {
  bool allowed = true;
  int retry_after_seconds = 0;  ///< whole seconds until the key's window ends (≥ 1) when refused
};

/// Fixed-window request counters keyed by strings (e.g. "ip|*:auth|203.0.113.5"):
/// at most `max_requests` per `window` per key; a refused request is not counted.
/// Thread-safe. Memory is bounded: expired windows are swept as keys are added, and past
/// `max_keys` live windows the oldest are dropped (a dropped key starts a fresh window).
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(size_t max_keys = 100000) : max_keys_(max_keys) {}

  RateLimitDecision hit(const std::string& key, int max_requests, std::chrono::seconds window,
                        Clock::time_point now = Clock::now());

  /// Windows currently held (expired ones included until the next sweep).
  size_t size() const;

 private:
  struct Window {
    Clock::time_point start;
    Clock::time_point end;
    int count = 0;
  };
  void make_room(Clock::time_point now);

  size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  size_t inserts_since_sweep_ = 0;
};

}  // namespace fastcms::core::rate_limit
