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
    levels_.back().pending.push_back({std::string(channel), std::move(payload)});
    return;
  }
  deliver_notifications({{std::string(channel), std::move(payload)}});
}

void CommitNotifications::add_hook(TransactionHook hook, bool in_transaction) {
  if (!hook) return;
  if (in_transaction && !levels_.empty()) {
    levels_.back().hooks.push_back(std::move(hook));
    return;
  }
  deliver({{}, {{std::move(hook), true}}});
}

void CommitNotifications::open_level() { levels_.emplace_back(); }

void CommitNotifications::close_savepoint(bool ok) {
  if (levels_.empty()) return;
  Level inner = std::move(levels_.back());
  levels_.pop_back();
  auto move_all = [](auto& from, auto& to) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  if (ok && !levels_.empty()) {
    move_all(inner.pending, levels_.back().pending);
    move_all(inner.hooks, levels_.back().hooks);
  } else {
    move_all(inner.hooks, rolled_back_hooks_);
  }
}

CommitNotifications::Finished CommitNotifications::finish(bool committed) {
  Finished out;
  if (!levels_.empty()) {
    // Savepoints left open (an exception unwound them) count as rolled back.
    while (levels_.size() > 1) close_savepoint(committed);
    Level& outer = levels_.front();
    if (committed) out.notifications = std::move(outer.pending);
    for (auto& hook : outer.hooks) out.hooks.emplace_back(std::move(hook), committed);
  }
  for (auto& hook : rolled_back_hooks_) out.hooks.emplace_back(std::move(hook), false);
  levels_.clear();
  rolled_back_hooks_.clear();
  return out;
}

void CommitNotifications::deliver(const Finished& finished) {
  deliver_notifications(finished.notifications);
  for (const auto& [hook, committed] : finished.hooks) {
    try {
      hook(committed);
    } catch (...) {
      // A hook reports its own failures; one that throws must not stop the others.
    }
  }
}

void CommitNotifications::deliver_notifications(const std::vector<Pending>& pending) {
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
