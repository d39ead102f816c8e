#include "core/auth/oauth2/redirect_broker.h"

namespace fastcms::core::auth::oauth2 {

RedirectBroker::RedirectBroker(std::chrono::seconds ttl, Clock clock) : ttl_(ttl), clock_(std::move(clock)) {}

void RedirectBroker::drop_expired(std::chrono::steady_clock::time_point now) {
  for (auto it = waiters_.begin(); it != waiters_.end();)
    it = it->second.expires <= now ? waiters_.erase(it) : std::next(it);
}

void RedirectBroker::wait(const std::string& client_id, Waiter waiter) {
  std::lock_guard lock(mutex_);
  auto now = clock_();
  drop_expired(now);
  waiters_[client_id] = {std::move(waiter), now + ttl_};
}

void RedirectBroker::cancel(const std::string& client_id) {
  std::lock_guard lock(mutex_);
  waiters_.erase(client_id);
}

bool RedirectBroker::deliver(const RedirectData& data) {
  Waiter waiter;
  {
    std::lock_guard lock(mutex_);
    drop_expired(clock_());
    auto it = waiters_.find(data.state);
    if (it == waiters_.end()) return false;
    waiter = std::move(it->second.waiter);
    waiters_.erase(it);
  }
  if (waiter) waiter(data);
  return true;
}

size_t RedirectBroker::size() {
  std::lock_guard lock(mutex_);
  drop_expired(clock_());
  return waiters_.size();
}

}  // namespace fastcms::core::auth::oauth2
