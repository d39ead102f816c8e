#include "core/realtime/client.h"

namespace fastcms::core::realtime {

void Client::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void Client::wake() const {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    wake = wake_;
  }
  if (wake) wake();
}

bool Client::send(std::string_view frame, Clock::time_point now, bool counts_as_activity) {
  if (closed()) return false;
  if (!outbox_.push(frame)) return false;
  if (counts_as_activity) {
    std::lock_guard lock(mutex_);
    last_sent_at_ = now;
  }
  return true;
}

std::shared_ptr<const Client::State> Client::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void Client::set_state(State state) {
  std::lock_guard lock(mutex_);
  state_ = std::make_shared<const State>(std::move(state));
}

Client::Clock::time_point Client::last_sent_at() const {
  std::lock_guard lock(mutex_);
  return last_sent_at_;
}

Client::Clock::time_point Client::last_heartbeat_at() const {
  std::lock_guard lock(mutex_);
  return last_heartbeat_at_;
}

void Client::heartbeat_sent(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  last_heartbeat_at_ = now;
}

}  // namespace fastcms::core::realtime
