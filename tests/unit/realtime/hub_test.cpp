#include <doctest/doctest.h>

#include "core/auth/authenticate.h"
#include "core/events/record_event.h"
#include "core/realtime/hub.h"
#include "core/realtime/sse_frame.h"
#include "core/records/record_delete.h"
#include "support/app_test_env.h"

namespace {

using nlohmann::json;
using fastcms::test::AppTestEnv;
namespace rt = fastcms::core::realtime;
namespace core = fastcms::core;

json hub_collections() {
  return json::parse(R"J([
    {"name": "users", "type": "auth", "viewRule": "id = @request.auth.id"},
    {"name": "notes", "type": "base",
     "fields": [{"name": "title", "type": "text"}, {"name": "secret", "type": "text", "hidden": true},
                {"name": "owner", "type": "relation", "collectionId": "users", "maxSelect": 1}],
     "listRule": "owner = @request.auth.id", "viewRule": "owner = @request.auth.id"},
    {"name": "posts", "type": "base", "fields": [{"name": "title", "type": "text"}], "listRule": "", "viewRule": ""},
    {"name": "locked", "type": "base", "fields": [{"name": "title", "type": "text"}]},
    {"name": "open", "type": "base", "fields": [{"name": "title", "type": "text", "required": true}],
     "listRule": "", "viewRule": "", "createRule": ""}
  ])J");
}

rt::HubOptions manual_hub() {
  rt::HubOptions options;
  options.start_worker = false;
  return options;
}

/// A context signed in as `user` of `users`.
core::RequestContext hub_user_ctx(AppTestEnv& env, const json& user) {
  core::RequestContext ctx;
  core::auth::attach_auth(ctx, user, env.collection("users"));
  return ctx;
}

json hub_user(AppTestEnv& env, const std::string& email) {
  return env.create("users", {{"email", email}, {"password", "password123"}, {"passwordConfirm", "password123"}});
}

/// Subscribes `client` with `ctx`, failing the test on an error.
void hub_subscribe(rt::Hub& hub, AppTestEnv& env, const std::shared_ptr<rt::Client>& client,
                   const std::vector<std::string>& topics, const core::RequestContext& ctx = {}) {
  auto status = hub.set_subscriptions(client->id(), "", topics, ctx, env.schema());
  if (!status.ok()) FAIL(status.error().describe());
}

/// The HTTP status of a failed call, 0 when it succeeded.
template <class R>
int hub_status(const R& result) {
  return result.ok() ? 0 : result.error().status;
}

/// The frames queued for `client` since the last call.
std::string hub_frames(const std::shared_ptr<rt::Client>& client) { return client->outbox().take(); }

}  // namespace

TEST_SUITE("realtime hub") {
  TEST_CASE("a client starts with PB_CONNECT carrying its 40-character id on the id line") {
    AppTestEnv env(hub_collections());
    rt::Hub hub(env.app(), {}, manual_hub());
    auto client = hub.connect("127.0.0.1");
    CHECK(client->id().size() == 40);
    CHECK(hub_frames(client) == rt::sse_frame(client->id(), "PB_CONNECT", json({{"clientId", client->id()}}).dump()));
    CHECK(hub.client_count() == 1);
    hub.disconnect(client->id());
    CHECK(client->closed());
    CHECK(hub.client_count() == 0);
  }

  TEST_CASE("record events reach only the subscribers whose rule lets them see the record") {
    AppTestEnv env(hub_collections());
    rt::Hub hub(env.app(), {}, manual_hub());
    json alice = hub_user(env, "alice@example.com"), bob = hub_user(env, "bob@example.com");
    auto a = hub.connect(""), b = hub.connect(""), guest = hub.connect(""), super = hub.connect("");
    hub_subscribe(hub, env, a, {"notes/*", "posts/*"}, hub_user_ctx(env, alice));
    hub_subscribe(hub, env, b, {"notes/*", "posts/*"}, hub_user_ctx(env, bob));
    hub_subscribe(hub, env, guest, {"notes/*", "posts/*"});
    hub_subscribe(hub, env, super, {"notes"}, core::RequestContext::system());
    for (const auto& c : {a, b, guest, super}) hub_frames(c);

    json note = env.create("notes", {{"title", "mine"}, {"secret", "s3"}, {"owner", alice["id"]}});
    hub.dispatch_pending();
    std::string to_alice = hub_frames(a);
    CHECK(to_alice.find("event:notes/*\ndata:{\"action\":\"create\"") != std::string::npos);
    CHECK(to_alice.find(note["id"].get<std::string>()) != std::string::npos);
    CHECK(to_alice.find("s3") == std::string::npos);  // hidden field: not for a user
    CHECK(hub_frames(b).empty());
    CHECK(hub_frames(guest).empty());
    std::string to_super = hub_frames(super);
    CHECK(to_super.find("event:notes\n") != std::string::npos);
    CHECK(to_super.find("s3") != std::string::npos);

    SUBCASE("a delete is checked against the record before the delete") {
      auto deleted = core::records::delete_record(env.db(), *env.schema(), env.collection("notes"),
                                                  core::RequestContext::system(), note["id"].get<std::string>());
      if (!deleted.ok()) FAIL(deleted.error().describe());
      hub.dispatch_pending();
      CHECK(hub_frames(a).find("\"action\":\"delete\"") != std::string::npos);
      CHECK(hub_frames(b).empty());
    }
    SUBCASE("a record topic gets only its record, checked against the viewRule") {
      hub_subscribe(hub, env, b, {"notes/" + note["id"].get<std::string>(), "locked/*"}, hub_user_ctx(env, bob));
      hub_subscribe(hub, env, a, {"notes/" + note["id"].get<std::string>(), "locked/*"}, hub_user_ctx(env, alice));
      env.create("notes", {{"title", "other"}, {"owner", alice["id"]}});
      env.create("locked", {{"title", "superusers only"}});
      hub.dispatch_pending();
      CHECK(hub_frames(a).empty());
      auto updated = core::records::update_record(env.db(), *env.schema(), env.collection("notes"),
                                                  core::RequestContext::system(), note["id"].get<std::string>(),
                                                  {{"title", "edited"}});
      REQUIRE(updated.ok());
      hub.dispatch_pending();
      CHECK(hub_frames(a).find("\"action\":\"update\"") != std::string::npos);
      CHECK(hub_frames(b).empty());
    }
  }

  TEST_CASE("a subscriber's bound auth follows its record: updated rules see the new role, a deleted user is a guest") {
    json collections = hub_collections();
    collections[0]["fields"] = json::parse(R"J([{"name": "role", "type": "text"}])J");
    collections[2]["listRule"] = "@request.auth.role = 'editor'";
    AppTestEnv env(collections);
    rt::Hub hub(env.app(), {}, manual_hub());
    json editor = env.create("users", {{"email", "ed@example.com"}, {"password", "password123"},
                                       {"passwordConfirm", "password123"}, {"role", "editor"}});
    auto client = hub.connect("");
    hub_subscribe(hub, env, client, {"posts/*"}, hub_user_ctx(env, editor));
    hub_frames(client);
    env.create("posts", {{"title", "while an editor"}});
    hub.dispatch_pending();
    CHECK(hub_frames(client).find("while an editor") != std::string::npos);

    auto demoted = core::records::update_record(env.db(), *env.schema(), env.collection("users"),
                                                core::RequestContext::system(), editor["id"].get<std::string>(),
                                                {{"role", "reader"}});
    REQUIRE(demoted.ok());
    env.create("posts", {{"title", "after the demotion"}});
    hub.dispatch_pending();
    CHECK(hub_frames(client).find("after the demotion") == std::string::npos);
    CHECK(client->state()->ctx.info.auth.value("role", "") == "reader");

    auto deleted = core::records::delete_record(env.db(), *env.schema(), env.collection("users"),
                                                core::RequestContext::system(), editor["id"].get<std::string>());
    REQUIRE(deleted.ok());
    hub.dispatch_pending();
    CHECK(client->state()->ctx.is_guest());
  }

  TEST_CASE("expand and fields from the subscription options shape the record") {
    AppTestEnv env(hub_collections());
    rt::Hub hub(env.app(), {}, manual_hub());
    json alice = hub_user(env, "alice@example.com");
    auto a = hub.connect("");
    hub_subscribe(hub, env, a, {"notes/*?options=%7B%22query%22%3A%7B%22expand%22%3A%22owner%22%7D%7D",
                                "posts/*?options=%7B%22query%22%3A%7B%22fields%22%3A%22record.title%22%7D%7D"},
                  hub_user_ctx(env, alice));
    hub_frames(a);
    env.create("notes", {{"title", "x"}, {"owner", alice["id"]}});
    env.create("posts", {{"title", "p"}});
    hub.dispatch_pending();
    std::string frames = hub_frames(a);
    INFO(frames);
    CHECK(frames.find("\"expand\":{\"owner\":{") != std::string::npos);
    CHECK(frames.find("data:{\"record\":{\"title\":\"p\"}}") != std::string::npos);
  }

  TEST_CASE("events leave only after the transaction commits; a rolled-back write sends nothing") {
    AppTestEnv env(hub_collections());
    rt::Hub hub(env.app(), {}, manual_hub());
    auto guest = hub.connect("");
    hub_subscribe(hub, env, guest, {"posts/*"});
    hub_frames(guest);
    std::vector<std::string> seen;
    auto listener = core::events::listen_record_events(env.db(), [&](const core::events::RecordEvent& e) {
      seen.push_back(std::string(core::events::action_name(e.action)) + ":" + e.record().value("title", ""));
    });
    auto rolled_back = env.db().transaction([&](fastcms::db::Connection& tx) -> fastcms::Status {
      auto created = core::records::create_record(tx, *env.schema(), env.collection("posts"),
                                                  core::RequestContext::system(), {{"title", "never"}});
      REQUIRE(created.ok());
      CHECK(seen.empty());  // not before the commit
      return fastcms::Error::failure("roll back");
    });
    CHECK_FALSE(rolled_back.ok());
    auto committed = env.db().transaction([&](fastcms::db::Connection& tx) -> fastcms::Status {
      // An inner savepoint that fails takes its events with it; the rest commit.
      (void)tx.transaction([&](fastcms::db::Connection& inner) -> fastcms::Status {
        (void)core::records::create_record(inner, *env.schema(), env.collection("posts"),
                                           core::RequestContext::system(), {{"title", "inner"}});
        return fastcms::Error::failure("undo the savepoint");
      });
      auto created = core::records::create_record(tx, *env.schema(), env.collection("posts"),
                                                  core::RequestContext::system(), {{"title", "kept"}});
      REQUIRE(created.ok());
      CHECK(seen.empty());
      return fastcms::Ok{};
    });
    CHECK(committed.ok());
    env.db().unlisten(listener);
    CHECK(seen == std::vector<std::string>{"create:kept"});
    hub.dispatch_pending();
    std::string frames = hub_frames(guest);
    CHECK(frames.find("kept") != std::string::npos);
    CHECK(frames.find("never") == std::string::npos);
    CHECK(frames.find("inner") == std::string::npos);
  }

  TEST_CASE("a batch sends its events after it commits, and none when it fails") {
    AppTestEnv env(hub_collections(), {{"batch", {{"enabled", true}}}});
    rt::Hub hub(env.app(), {}, manual_hub());
    auto guest = hub.connect("");
    hub_subscribe(hub, env, guest, {"open/*"});
    hub_frames(guest);
    auto create = [](const std::string& title) {
      return json{{"method", "POST"}, {"url", "/api/collections/open/records"}, {"body", {{"title", title}}}};
    };
    auto failed = env.post("/api/batch", {{"requests", {create("first of a failed batch"), create("")}}});
    CHECK(failed.status == 400);
    hub.dispatch_pending();
    CHECK(hub_frames(guest).empty());
    auto ok = env.post("/api/batch", {{"requests", {create("one"), create("two")}}});
    CHECK(ok.status == 200);
    hub.dispatch_pending();
    std::string frames = hub_frames(guest);
    CHECK(frames.find("\"title\":\"one\"") != std::string::npos);
    CHECK(frames.find("\"title\":\"two\"") != std::string::npos);
    CHECK(frames.find("failed batch") == std::string::npos);
  }

  TEST_CASE("a slow client whose outbox overflows is dropped; the others still receive") {
    AppTestEnv env(hub_collections());
    rt::HubOptions options = manual_hub();
    options.max_pending_bytes = 1200;
    rt::Hub hub(env.app(), {}, options);
    auto slow = hub.connect(""), fast = hub.connect("");
    hub_subscribe(hub, env, slow, {"posts/*"});
    hub_subscribe(hub, env, fast, {"posts/*"});
    for (int i = 0; i < 10; ++i) {
      env.create("posts", {{"title", "post " + std::to_string(i)}});
      hub.dispatch_pending();
      CHECK(hub_frames(fast).find("post " + std::to_string(i)) != std::string::npos);  // fast reads everything
    }
    CHECK(slow->closed());
    CHECK(hub.find(slow->id()) == nullptr);
    CHECK(hub.find(fast->id()) != nullptr);
    CHECK(hub.stats()["dropped"] == 1);
  }

  TEST_CASE("subscription errors: unknown client, another auth, limits, API key scopes, topic rules") {
    AppTestEnv env(hub_collections());
    rt::HubOptions options = manual_hub();
    options.max_subscriptions = 2;
    rt::Hub hub(env.app(), rt::TopicRules({{"channel:open-*", "", "@request.auth.id != ''"}}), options);
    json alice = hub_user(env, "alice@example.com"), bob = hub_user(env, "bob@example.com");
    auto a = hub.connect("10.0.0.1");

    auto unknown = hub.set_subscriptions("nope", "", {}, {}, env.schema());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().status == 404);
    CHECK(unknown.error().message == "Missing or invalid client id.");

    auto other_ip = hub.set_subscriptions(a->id(), "10.0.0.2", {}, {}, env.schema());
    REQUIRE_FALSE(other_ip.ok());
    CHECK(other_ip.error().status == 400);

    auto too_many = hub.set_subscriptions(a->id(), "10.0.0.1", {"a", "b", "c"}, {}, env.schema());
    REQUIRE_FALSE(too_many.ok());
    CHECK(too_many.error().status == 400);
    CHECK(too_many.error().data["subscriptions"]["code"] == "validation_length_too_long");

    hub_subscribe(hub, env, a, {"posts/*"}, hub_user_ctx(env, alice));  // guest → auth upgrade
    auto switched = hub.set_subscriptions(a->id(), "", {"posts/*"}, hub_user_ctx(env, bob), env.schema());
    REQUIRE_FALSE(switched.ok());
    CHECK(switched.error().status == 403);
    CHECK(switched.error().message == "The current and the previous request authorization don't match.");

    auto key_ctx = hub_user_ctx(env, alice);
    key_ctx.api_key_scopes = std::vector<std::string>{"posts:read"};
    auto g = hub.connect("");
    CHECK(hub.set_subscriptions(g->id(), "", {"posts/*"}, key_ctx, env.schema()).ok());
    auto scoped = hub.set_subscriptions(g->id(), "", {"notes/*"}, key_ctx, env.schema());
    REQUIRE_FALSE(scoped.ok());
    CHECK(scoped.error().status == 403);

    auto anon = hub.connect("");
    CHECK(hub.set_subscriptions(anon->id(), "", {"channel:open-1"}, {}, env.schema()).ok());
    CHECK(hub_status(hub.set_subscriptions(anon->id(), "", {"channel:closed"}, {}, env.schema())) == 403);
    CHECK(hub_status(hub.set_subscriptions(anon->id(), "", {"user:" + alice["id"].get<std::string>()}, {}, env.schema())) == 403);
    auto own = hub.connect("");
    CHECK(hub.set_subscriptions(own->id(), "", {"user:" + alice["id"].get<std::string>()}, hub_user_ctx(env, alice),
                                env.schema()).ok());
    hub_frames(anon);
    hub_frames(own);
    CHECK(hub_status(hub.broadcast("open-1", "hi", 1, {})) == 403);  // publish needs a user
    auto sent = hub.broadcast("open-1", "hi", 1, hub_user_ctx(env, bob));
    REQUIRE(sent.ok());
    CHECK(*sent == 1);
    CHECK(hub_frames(anon).find("event:channel:open-1\ndata:{\"channel\":\"open-1\",\"data\":1,\"event\":\"hi\"") !=
          std::string::npos);
    CHECK(hub_status(hub.broadcast("user:" + alice["id"].get<std::string>(), "dm", "x", hub_user_ctx(env, bob))) == 403);
    REQUIRE(hub.broadcast("user:" + alice["id"].get<std::string>(), "dm", "x", core::RequestContext::system()).ok());
    CHECK(hub_frames(own).find("\"event\":\"dm\"") != std::string::npos);
  }

  TEST_CASE("presence: the member list on subscribe, join, update, and leave on disconnect") {
    AppTestEnv env(hub_collections());
    rt::Hub hub(env.app(), rt::TopicRules({{"presence:*", "", std::nullopt}}), manual_hub());
    auto a = hub.connect(""), b = hub.connect("");
    hub_subscribe(hub, env, a, {"presence:room"});
    CHECK(hub_frames(a).find("data:{\"action\":\"sync\",\"members\":[]}") != std::string::npos);
    hub_subscribe(hub, env, b, {"presence:room"});
    CHECK(hub_frames(b).find("\"members\":[{\"clientId\":\"" + a->id()) != std::string::npos);
    CHECK(hub_frames(a).find("{\"action\":\"join\",\"member\":{\"clientId\":\"" + b->id()) != std::string::npos);
    REQUIRE(hub.update_presence(b->id(), "room", {{"typing", true}}, {}).ok());
    CHECK(hub_frames(a).find("\"action\":\"update\"") != std::string::npos);
    CHECK(hub_status(hub.update_presence(b->id(), "elsewhere", {}, {})) == 404);
    hub.disconnect(b->id());
    CHECK(hub_frames(a).find("\"action\":\"leave\"") != std::string::npos);
    CHECK(hub.stats()["presence"]["room"] == 1);
  }

  TEST_CASE("heartbeats when quiet, closed after the idle timeout and the lifetime") {
    AppTestEnv env(hub_collections());
    rt::HubOptions options = manual_hub();
    options.heartbeat_interval = std::chrono::seconds(10);
    options.idle_timeout = std::chrono::seconds(60);
    rt::Hub hub(env.app(), {}, options);
    auto c = hub.connect("");
    hub_frames(c);
    auto now = rt::Client::Clock::now();
    hub.tick(now + std::chrono::seconds(5));
    CHECK(hub_frames(c).empty());
    hub.tick(now + std::chrono::seconds(11));
    CHECK(hub_frames(c) == std::string(rt::sse_heartbeat));
    CHECK(hub.find(c->id()) != nullptr);
    hub.tick(now + std::chrono::seconds(61));  // heartbeats are not activity
    CHECK(c->closed());
    CHECK(hub.find(c->id()) == nullptr);
  }

  TEST_CASE("@oauth2 subscribers receive the redirect addressed to their client id") {
    AppTestEnv env(hub_collections());
    rt::Hub hub(env.app(), {}, manual_hub());
    auto c = hub.connect("");
    hub_subscribe(hub, env, c, {"@oauth2"});
    hub_frames(c);
    CHECK(env.app().oauth2_redirects().deliver({c->id(), "the-code", ""}));
    CHECK(hub_frames(c) ==
          rt::sse_frame(c->id(), "@oauth2", json({{"state", c->id()}, {"code", "the-code"}, {"error", ""}}).dump()));
    hub_subscribe(hub, env, c, {"@oauth2"});
    hub.disconnect(c->id());
    CHECK_FALSE(env.app().oauth2_redirects().deliver({c->id(), "late", ""}));
  }

  TEST_CASE("topic patterns: * matches any run of characters") {
    CHECK(rt::topic_pattern_matches("channel:chat-*", "channel:chat-1"));
    CHECK(rt::topic_pattern_matches("*", "user:abc"));
    CHECK(rt::topic_pattern_matches("presence:*-room", "presence:big-room"));
    CHECK_FALSE(rt::topic_pattern_matches("channel:chat-*", "channel:chat"));
    CHECK_FALSE(rt::topic_pattern_matches("channel:lobby", "channel:lobby2"));
    auto bad = rt::TopicRules::from_config(json::parse(R"J({"topics": [{"subscribeRule": ""}]})J"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "realtime.topics[0]: expected an object with a string \"topic\"");
  }
}
