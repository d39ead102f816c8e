#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/api_error.h"
#include "core/app/app.h"
#include "core/events/record_event.h"
#include "core/realtime/client.h"
#include "core/realtime/topic_rules.h"

namespace fastcms::core::realtime {

/// Limits and timings of the hub (PocketBase's defaults where it has them).
struct HubOptions {
  size_t max_subscriptions = 1000;       ///< per POST
  size_t max_subscription_length = 2500;
  size_t max_pending_bytes = 1 << 20;    ///< a client with more unsent bytes is dropped
  std::chrono::seconds idle_timeout{300};       ///< no event sent for this long: closed
  std::chrono::seconds max_lifetime{1800};      ///< closed this long after connecting
  std::chrono::seconds heartbeat_interval{25};  ///< SSE comment when nothing else was sent
  bool start_worker = true;  ///< false: the caller runs dispatch_pending()/tick() (tests)
};

/// The realtime hub: one per App. Holds the connected clients, replaces their subscription
/// sets (POST /api/realtime), and fans out committed record events (from the event bus),
/// channel broadcasts, presence changes, user messages and OAuth2 redirects, each checked
/// against the subscriber's rights: record topics against the collection's listRule
/// (`c/*`) or viewRule (`c/ID`) with @request.context "realtime" and the subscription's
/// options as @request.query/headers (the same rule code as the records API), delete events
/// against the record before the delete; the FastCMS topics against TopicRules.
/// Fan-out runs on the hub's worker thread, never on the writer's; a client whose outbox
/// overflows is dropped without slowing the others. Thread-safe.
class Hub {
 public:
  Hub(App& app, TopicRules topic_rules, HubOptions options = {});
  ~Hub();
  /// Stops taking record events and joins the worker (heartbeats, deliveries); idempotent.
  /// The owner calls it before destroying what the worker writes to (the SSE transport).
  void stop();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  /// A new client (40-character id) with the PB_CONNECT frame queued.
  std::shared_ptr<Client> connect(std::string remote_ip);
  /// Removes the client (peer gone, or dropped): leaves its presence topics, cancels its
  /// OAuth2 wait, marks it closed and wakes its transport.
  void disconnect(const std::string& client_id);
  /// Disconnects every client (server shutdown).
  void close_all();

  /// POST /api/realtime: replaces the subscription set of `client_id` and binds the auth
  /// of `ctx`. Errors: unknown client 404 "Missing or invalid client id."; another IP 400;
  /// a different auth than the one bound 403 "The current and the previous request
  /// authorization don't match."; too many or too long topics 400 with validation data;
  /// a FastCMS topic (or, for an API key, a collection) the caller may not subscribe to 403.
  ApiStatus set_subscriptions(const std::string& client_id, const std::string& remote_ip,
                              const std::vector<std::string>& subscriptions, const RequestContext& ctx,
                              std::shared_ptr<const collections::Schema> schema);

  /// POST /api/realtime/broadcast: sends {event, data} to the subscribers of
  /// `channel:NAME` (or of `user:ID` when `channel` is "user:ID"); 403 unless the publish
  /// rule allows `ctx`. Returns how many clients it was queued for.
  ApiResult<size_t> broadcast(const std::string& channel, const std::string& event, const nlohmann::json& data,
                              const RequestContext& ctx);

  /// Sets the presence state a client shows in `presence:NAME` (it must be subscribed) and
  /// sends an "update" to the other members' subscribers. 404 for an unknown client or a
  /// presence it is not in; 403 when `ctx` is not the auth bound to the client.
  ApiStatus update_presence(const std::string& client_id, const std::string& name, const nlohmann::json& state,
                            const RequestContext& ctx);

  /// Queues a committed record event for the worker (called by the event bus listener).
  void publish(events::RecordEvent event);
  /// Fans out every queued record event now (the worker does this; tests call it).
  void dispatch_pending();
  /// Closes clients past the idle timeout or lifetime and sends heartbeats.
  void tick(Client::Clock::time_point now);

  /// {connections, subscriptions, topics: {topic: subscribers}, presence: {name: members},
  ///  dropped, eventsQueued}: for the superuser stats endpoint.
  nlohmann::json stats() const;
  size_t client_count() const;
  std::shared_ptr<Client> find(const std::string& client_id) const;

 private:
  struct PresenceMember {
    std::string client_id;
    nlohmann::json user;  ///< {id, collectionName} or null for a guest
    nlohmann::json state = nlohmann::json::object();
  };
  std::vector<std::shared_ptr<Client>> snapshot() const;
  void deliver(const events::RecordEvent& event);
  /// Keeps each client's bound auth in step with its auth record: an update replaces the
  /// record the rules see (a demoted user stops receiving what the old role allowed), a
  /// delete makes the client a guest.
  void refresh_bound_auth(const events::RecordEvent& event);
  void send_or_drop(Client& client, std::string_view frame, bool activity = true);
  void send_to_topic(const std::string& topic, const std::string& data, const Client* except = nullptr);
  void presence_changed(const std::string& name, const std::string& action, const PresenceMember& member);
  void sync_presence(const std::string& client_id, const std::vector<Subscription>& before,
                     const std::vector<Subscription>& after, const RequestContext& ctx);
  void leave_all_presence(const std::string& client_id);
  void watch_oauth2(const std::shared_ptr<Client>& client, bool subscribed);
  void run_worker();

  App& app_;
  TopicRules topic_rules_;
  HubOptions options_;
  db::ListenerId listener_ = 0;

  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Client>> clients_;
  std::map<std::string, std::vector<PresenceMember>> presence_;  ///< by presence name
  size_t dropped_ = 0;

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<events::RecordEvent> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace fastcms::core::realtime
