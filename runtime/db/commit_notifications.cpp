#include "db/commit_notifications.h"

namespace fastcms::db {

ListenerId CommitNotifications::listen(std::string channel, NotifyFn fn) {
  std::lock_guard lock(mutex_);
  ListenerId id = next_id_++;
  listeners_.emplace(id, std::make_pair(std::move(channel), std::move(fn)));
  return id;
}

void CommitNotifications::unlisten(ListenerId id) {
  std::unique_lock calls(calls_mutex_);
  std::lock_guard lock(mutex_);
  listeners_.erase(id);
}

bool CommitNotifications::has_listeners(std::string_view channel) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, listener] : listeners_)
    if (listener.first == channel) return true;
  return false;
}

void CommitNotifications::post(std::string_view channel, NotifyPayload payload, bool in_transaction) {
  if (in_transaction && !levels_.empty()) {
    levels_.back().push_back({std::string(channel), std::move(payload)});
    return;
  }
  deliver({{std::string(channel), std::move(payload)}});
}

void CommitNotifications::open_level() { levels_.emplace_back(); }

void CommitNotifications::close_savepoint(bool ok) {
  if (levels_.empty()) return;
  auto inner = std::move(levels_.back());
  levels_.pop_back();
  if (ok && !levels_.empty())
    levels_.back().insert(levels_.back().end(), std::make_move_iterator(inner.begin()),
                          std::make_move_iterator(inner.end()));
}

std::vector<CommitNotifications::Pending> CommitNotifications::finish(bool committed) {
  std::vector<Pending> out;
  if (!levels_.empty() && committed) out = std::move(levels_.front());
  levels_.clear();
  return out;
}

void CommitNotifications::deliver(const std::vector<Pending>& pending) {
  if (pending.empty()) return;
  std::shared_lock calls(calls_mutex_);
  std::vector<std::pair<std::string, NotifyFn>> listeners;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, entry] : listeners_) listeners.push_back(entry);
  }
  for (const auto& message : pending)
    for (const auto& [channel, fn] : listeners)
      if (channel == message.channel) fn(message.payload);
}

}  // namespace fastcms::db
