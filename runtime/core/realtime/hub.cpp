#include "core/realtime/hub.h"

#include <algorithm>
#include <set>

#include "common/random.h"
#include "core/auth/api_key_scopes.h"
#include "core/form_errors.h"
#include "core/realtime/record_event_delivery.h"
#include "core/realtime/sse_frame.h"

namespace fastcms::core::realtime {

namespace {

using nlohmann::json;

constexpr const char* unknown_client_message = "Missing or invalid client id.";

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

bool same_auth(const RequestContext& a, const RequestContext& b) {
  if (a.is_guest() || b.is_guest()) return a.is_guest() == b.is_guest();
  return a.auth_id() == b.auth_id() && a.info.auth_collection->id == b.info.auth_collection->id;
}

json member_user(const RequestContext& ctx) {
  if (ctx.is_guest()) return nullptr;
  return {{"id", ctx.auth_id()}, {"collectionName", ctx.info.auth_collection->name}};
}

bool has_topic(const std::vector<Subscription>& subs, TopicKind kind, const std::string& target) {
  return std::any_of(subs.begin(), subs.end(), [&](const auto& s) { return s.kind == kind && s.target == target; });
}

}  // namespace

Hub::Hub(App& app, TopicRules topic_rules, HubOptions options)
    : app_(app), topic_rules_(std::move(topic_rules)), options_(options) {
  listener_ = events::listen_record_events(app_.db(), [this](const events::RecordEvent& e) { publish(e); });
  if (options_.start_worker) worker_ = std::thread([this] { run_worker(); });
}

void Hub::stop() {
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  app_.db().unlisten(listener_);
  queue_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Hub::~Hub() {
  stop();
  for (const auto& client : snapshot()) {
    app_.oauth2_redirects().cancel(client->id());
    client->mark_closed();
    client->wake();
  }
}

std::shared_ptr<Client> Hub::connect(std::string remote_ip) {
  auto now = Client::Clock::now();
  auto client = std::make_shared<Client>(random::alphanumeric(40), std::move(remote_ip), options_.max_pending_bytes, now);
  Client::State state;
  state.ctx.info.context = "realtime";
  client->set_state(std::move(state));
  client->send(sse_frame(client->id(), "PB_CONNECT", dump({{"clientId", client->id()}})), now);
  std::lock_guard lock(mutex_);
  clients_[client->id()] = client;
  return client;
}

void Hub::disconnect(const std::string& client_id) {
  std::shared_ptr<Client> client;
  {
    std::lock_guard lock(mutex_);
    auto it = clients_.find(client_id);
    if (it == clients_.end()) return;
    client = it->second;
    clients_.erase(it);
  }
  app_.oauth2_redirects().cancel(client_id);
  leave_all_presence(client_id);
  client->mark_closed();
  client->wake();
}

void Hub::close_all() {
  for (const auto& client : snapshot()) disconnect(client->id());
}

std::shared_ptr<Client> Hub::find(const std::string& client_id) const {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(client_id);
  return it == clients_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Client>> Hub::snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Client>> out;
  out.reserve(clients_.size());
  for (const auto& [id, client] : clients_) out.push_back(client);
  return out;
}

size_t Hub::client_count() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

void Hub::send_or_drop(Client& client, std::string_view frame, bool activity) {
  if (client.send(frame, Client::Clock::now(), activity)) {
    client.wake();
    return;
  }
  if (client.closed()) return;
  {
    std::lock_guard lock(mutex_);
    ++dropped_;
  }
  disconnect(client.id());  // too slow: its outbox overflowed
}

ApiStatus Hub::set_subscriptions(const std::string& client_id, const std::string& remote_ip,
                                 const std::vector<std::string>& subscriptions, const RequestContext& ctx,
                                 std::shared_ptr<const collections::Schema> schema) {
  auto client = find(client_id);
  if (!client) return ApiError::not_found(unknown_client_message);
  if (!remote_ip.empty() && !client->remote_ip().empty() && remote_ip != client->remote_ip())
    return ApiError::bad_request("The current and the previous request ip don't match.");
  if (subscriptions.size() > options_.max_subscriptions)
    return ApiError::bad_request(
        form_errors::validation_failed_message,
        {{"subscriptions", form_errors::item("validation_length_too_long",
                                             "The maximum allowed items is " + std::to_string(options_.max_subscriptions) + ".")}});
  for (size_t i = 0; i < subscriptions.size(); ++i)
    if (subscriptions[i].size() > options_.max_subscription_length)
      return ApiError::bad_request(
          form_errors::validation_failed_message,
          {{"subscriptions",
            {{std::to_string(i), form_errors::length_out_of_range(0, static_cast<long long>(options_.max_subscription_length))}}}});

  auto previous = client->state();
  if (!previous->ctx.is_guest() && !same_auth(previous->ctx, ctx))
    return ApiError::forbidden("The current and the previous request authorization don't match.");

  std::vector<Subscription> parsed;
  std::set<std::string> seen;
  for (const auto& raw : subscriptions) {
    if (raw.empty() || !seen.insert(raw).second) continue;
    Subscription sub = parse_subscription(raw);
    if (sub.kind == TopicKind::channel || sub.kind == TopicKind::presence || sub.kind == TopicKind::user) {
      auto allowed = topic_rules_.may_subscribe(app_.db(), *schema, ctx, sub.channel_topic());
      if (!allowed.ok()) return allowed.error();
      if (!*allowed) return ApiError::forbidden("You are not allowed to subscribe to \"" + sub.channel_topic() + "\".");
    } else if ((sub.kind == TopicKind::collection || sub.kind == TopicKind::record) && ctx.api_key_scopes) {
      const auto* collection = schema->find(sub.target);
      const std::string name = collection ? collection->name : sub.target;
      if (!auth::scopes_allow_records(*ctx.api_key_scopes, name, auth::ScopeAction::read))
        return ApiError::forbidden("The API key has no \"" + name + ":read\" scope.");
    }
    parsed.push_back(std::move(sub));
  }

  Client::State state;
  state.ctx = ctx;
  state.ctx.info.context = "realtime";
  state.ctx.info.body = json::object();
  state.schema = std::move(schema);
  state.subscriptions = parsed;
  client->set_state(std::move(state));
  watch_oauth2(client, has_topic(parsed, TopicKind::oauth2, ""));
  sync_presence(client_id, previous->subscriptions, parsed, ctx);
  return Ok{};
}

void Hub::watch_oauth2(const std::shared_ptr<Client>& client, bool subscribed) {
  if (!subscribed) {
    app_.oauth2_redirects().cancel(client->id());
    return;
  }
  std::weak_ptr<Client> weak = client;
  app_.oauth2_redirects().wait(client->id(), [this, weak](const auth::oauth2::RedirectData& data) {
    auto target = weak.lock();
    if (!target || target->closed()) return;
    json message = {{"state", data.state}, {"code", data.code}, {"error", data.error}};
    send_or_drop(*target, sse_frame(target->id(), "@oauth2", dump(message)));
  });
}

// --- record events -------------------------------------------------------------------------

void Hub::publish(events::RecordEvent event) {
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(std::move(event));
  }
  queue_cv_.notify_one();
}

void Hub::dispatch_pending() {
  for (;;) {
    events::RecordEvent event;
    {
      std::lock_guard lock(queue_mutex_);
      if (queue_.empty()) return;
      event = std::move(queue_.front());
      queue_.pop_front();
    }
    deliver(event);
  }
}

void Hub::refresh_bound_auth(const events::RecordEvent& event) {
  if (event.action == events::RecordAction::create) return;
  const std::string id = event.record().value("id", std::string());
  for (const auto& client : snapshot()) {
    auto state = client->state();
    const RequestContext& ctx = state->ctx;
    if (ctx.is_guest() || ctx.info.auth_collection->id != event.collection_id || ctx.auth_id() != id) continue;
    Client::State next = *state;
    if (event.action == events::RecordAction::delete_) {
      next.ctx.info.auth = nullptr;
      next.ctx.info.auth_collection = nullptr;
    } else {
      next.ctx.info.auth = event.after;
    }
    client->set_state(std::move(next));
  }
}

void Hub::deliver(const events::RecordEvent& event) {
  refresh_bound_auth(event);
  auto schema = app_.schema();
  if (!schema) return;
  RecordEventDelivery delivery(app_.db(), *schema, event);
  for (const auto& client : snapshot()) {
    auto state = client->state();
    for (const auto& sub : state->subscriptions) {
      auto data = delivery.data_for(sub, state->ctx);
      if (data) send_or_drop(*client, sse_frame(client->id(), sub.raw, *data));
    }
  }
}

void Hub::run_worker() {
  auto next_tick = Client::Clock::now();
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait_until(lock, next_tick, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
    }
    dispatch_pending();
    auto now = Client::Clock::now();
    if (now >= next_tick) {
      tick(now);
      next_tick = now + std::chrono::seconds(1);
    }
  }
}

void Hub::tick(Client::Clock::time_point now) {
  for (const auto& client : snapshot()) {
    if (client->closed() || now - client->connected_at() >= options_.max_lifetime ||
        now - client->last_sent_at() >= options_.idle_timeout) {
      disconnect(client->id());
      continue;
    }
    auto quiet_since = std::max(client->last_sent_at(), client->last_heartbeat_at());
    if (now - quiet_since >= options_.heartbeat_interval) {
      client->heartbeat_sent(now);
      send_or_drop(*client, sse_heartbeat, /*activity=*/false);
    }
  }
}

// --- channels, users, presence ---------------------------------------------------------------

void Hub::send_to_topic(const std::string& topic, const std::string& data, const Client* except) {
  Subscription wanted = parse_subscription(topic);
  for (const auto& client : snapshot()) {
    if (client.get() == except) continue;
    auto state = client->state();
    for (const auto& sub : state->subscriptions)
      if (sub.kind == wanted.kind && sub.target == wanted.target)
        send_or_drop(*client, sse_frame(client->id(), sub.raw, data));
  }
}

ApiResult<size_t> Hub::broadcast(const std::string& channel, const std::string& event, const json& data,
                                 const RequestContext& ctx) {
  const std::string topic = channel.rfind("user:", 0) == 0 ? channel : "channel:" + channel;
  auto schema = app_.schema();
  auto allowed = topic_rules_.may_publish(app_.db(), *schema, ctx, topic);
  if (!allowed.ok()) return allowed.error();
  if (!*allowed) return ApiError::forbidden("You are not allowed to publish to \"" + topic + "\".");
  json message = {{"channel", channel}, {"event", event}, {"data", data}, {"from", member_user(ctx)}};
  const std::string text = dump(message);
  Subscription wanted = parse_subscription(topic);
  size_t reached = 0;
  for (const auto& client : snapshot()) {
    auto state = client->state();
    for (const auto& sub : state->subscriptions)
      if (sub.kind == wanted.kind && sub.target == wanted.target) {
        send_or_drop(*client, sse_frame(client->id(), sub.raw, text));
        ++reached;
      }
  }
  return reached;
}

void Hub::presence_changed(const std::string& name, const std::string& action, const PresenceMember& member) {
  json message = {{"action", action},
                  {"member", {{"clientId", member.client_id}, {"user", member.user}, {"state", member.state}}}};
  send_to_topic("presence:" + name, dump(message));
}

void Hub::sync_presence(const std::string& client_id, const std::vector<Subscription>& before,
                        const std::vector<Subscription>& after, const RequestContext& ctx) {
  auto client = find(client_id);
  for (const auto& sub : before)
    if (sub.kind == TopicKind::presence && !has_topic(after, TopicKind::presence, sub.target)) {
      std::optional<PresenceMember> left;
      {
        std::lock_guard lock(mutex_);
        auto& members = presence_[sub.target];
        auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.client_id == client_id; });
        if (it != members.end()) {
          left = *it;
          members.erase(it);
        }
        if (members.empty()) presence_.erase(sub.target);
      }
      if (left) presence_changed(sub.target, "leave", *left);
    }
  for (const auto& sub : after)
    if (sub.kind == TopicKind::presence && !has_topic(before, TopicKind::presence, sub.target)) {
      PresenceMember joined{client_id, member_user(ctx), json::object()};
      json members = json::array();
      {
        std::lock_guard lock(mutex_);
        for (const auto& m : presence_[sub.target])
          members.push_back({{"clientId", m.client_id}, {"user", m.user}, {"state", m.state}});
        presence_[sub.target].push_back(joined);
      }
      // The newcomer learns who is already here; the others learn it joined.
      if (client) send_or_drop(*client, sse_frame(client_id, sub.raw, dump({{"action", "sync"}, {"members", members}})));
      presence_changed(sub.target, "join", joined);
    }
}

void Hub::leave_all_presence(const std::string& client_id) {
  std::vector<std::pair<std::string, PresenceMember>> left;
  {
    std::lock_guard lock(mutex_);
    for (auto it = presence_.begin(); it != presence_.end();) {
      auto& members = it->second;
      for (auto m = members.begin(); m != members.end();)
        if (m->client_id == client_id) {
          left.emplace_back(it->first, *m);
          m = members.erase(m);
        } else {
          ++m;
        }
      it = members.empty() ? presence_.erase(it) : std::next(it);
    }
  }
  for (const auto& [name, member] : left) presence_changed(name, "leave", member);
}

ApiStatus Hub::update_presence(const std::string& client_id, const std::string& name, const json& state,
                               const RequestContext& ctx) {
  auto client = find(client_id);
  if (!client) return ApiError::not_found(unknown_client_message);
  if (!same_auth(client->state()->ctx, ctx))
    return ApiError::forbidden("The current and the previous request authorization don't match.");
  std::optional<PresenceMember> updated;
  {
    std::lock_guard lock(mutex_);
    auto found = presence_.find(name);
    if (found != presence_.end())
      for (auto& m : found->second)
        if (m.client_id == client_id) {
          m.state = state;
          updated = m;
        }
  }
  if (!updated) return ApiError::not_found("The client is not in \"presence:" + name + "\".");
  presence_changed(name, "update", *updated);
  return Ok{};
}

json Hub::stats() const {
  json topics = json::object();
  size_t subscriptions = 0;
  for (const auto& client : snapshot()) {
    auto state = client->state();
    for (const auto& sub : state->subscriptions) {
      ++subscriptions;
      std::string key = sub.raw.substr(0, sub.raw.find('?'));
      topics[key] = topics.value(key, 0) + 1;
    }
  }
  std::lock_guard lock(mutex_);
  json presence = json::object();
  for (const auto& [name, members] : presence_) presence[name] = members.size();
  return {{"connections", clients_.size()}, {"subscriptions", subscriptions}, {"topics", topics},
          {"presence", presence}, {"dropped", dropped_}};
}

}  // namespace fastcms::core::realtime
