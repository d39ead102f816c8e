#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/collections/collection.h"
#include "core/realtime/outbox.h"
#include "core/realtime/subscription.h"
#include "core/request_context.h"

namespace fastcms::core::realtime {

/// One realtime connection (one GET /api/realtime). The hub owns its subscriptions and auth
/// binding; the transport drains its outbox whenever `wake` is called.
class Client {
 public:
  using Clock = std::chrono::steady_clock;

  Client(std::string id, std::string remote_ip, size_t max_pending_bytes, Clock::time_point now)
      : id_(std::move(id)), remote_ip_(std::move(remote_ip)), outbox_(max_pending_bytes), connected_at_(now),
        last_sent_at_(now) {}

  const std::string& id() const { return id_; }
  const std::string& remote_ip() const { return remote_ip_; }
  Outbox& outbox() { return outbox_; }

  /// Set by the transport: called (from any thread) after frames were queued or when the
  /// client was closed; must be quick and must not call back into the hub.
  void set_wake(std::function<void()> wake);
  void wake() const;

  /// Queues `frame`; false when the outbox overflowed (the hub then drops the client).
  bool send(std::string_view frame, Clock::time_point now, bool counts_as_activity = true);

  /// Closed by the hub (timeout, overflow, shutdown) or by the transport (peer gone).
  bool closed() const { return closed_.load(); }
  void mark_closed() { closed_.store(true); }

  /// The auth binding and subscriptions (guarded by the client's mutex).
  struct State {
    RequestContext ctx;  ///< @request.context "realtime"; guest until a POST binds an auth
    std::shared_ptr<const collections::Schema> schema;  ///< keeps ctx.info.auth_collection alive
    std::vector<Subscription> subscriptions;
  };
  /// The current state (immutable; set_state swaps it whole).
  std::shared_ptr<const State> state() const;
  void set_state(State state);

  Clock::time_point connected_at() const { return connected_at_; }
  Clock::time_point last_sent_at() const;
  Clock::time_point last_heartbeat_at() const;
  void heartbeat_sent(Clock::time_point now);

 private:
  const std::string id_;
  const std::string remote_ip_;
  Outbox outbox_;
  std::atomic<bool> closed_{false};
  const Clock::time_point connected_at_;

  mutable std::mutex mutex_;
  std::shared_ptr<const State> state_ = std::make_shared<const State>();
  std::function<void()> wake_;
  Clock::time_point last_sent_at_;
  Clock::time_point last_heartbeat_at_{};
};

}  // namespace fastcms::core::realtime
