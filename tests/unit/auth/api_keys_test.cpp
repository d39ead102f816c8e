#include <doctest/doctest.h>

#include "common/datetime.h"
#include "common/sha256.h"
#include "core/auth/api_key_scopes.h"
#include "core/auth/api_keys.h"
#include "support/auth_test_db.h"

namespace {
using nlohmann::json;
using namespace std::chrono;
namespace keys_auth = fastcms::core::auth;

/// An AuthTestDb with a `users` auth collection and the API keys table.
struct ApiKeyFixture {
  fastcms::test::AuthTestDb t{json::parse(R"J([{"name": "users", "type": "auth"}])J")};
  json ann;
  fastcms::core::RequestContext as_ann;

  ApiKeyFixture() {
    for (const auto& sql : keys_auth::api_keys_table_statements(t.db().dialect()))
      if (auto r = t.db().exec(sql); !r.ok()) FAIL(r.error().message);
    ann = t.insert("users", {{"email", "ann@example.com"}});
    keys_auth::attach_auth(as_ann, ann, t.collection("users"));
  }

  json create(const json& body, system_clock::time_point now = system_clock::now()) {
    auto created = keys_auth::create_api_key(t.db(), t.schema(), body, as_ann, now);
    if (!created.ok()) FAIL(created.error().message);
    return *created;
  }
};

}  // namespace

TEST_SUITE("api keys") {
  TEST_CASE("scope strings: * or TARGET:ACTION") {
    CHECK_FALSE(keys_auth::scope_error("*"));
    CHECK_FALSE(keys_auth::scope_error("posts:read"));
    CHECK_FALSE(keys_auth::scope_error("records:write"));
    CHECK_FALSE(keys_auth::scope_error("*:*"));
    CHECK(keys_auth::scope_error("posts"));
    CHECK(keys_auth::scope_error("posts:delete"));
    CHECK(keys_auth::scope_error("po sts:read"));
    CHECK(keys_auth::scope_error(":read"));
  }

  TEST_CASE("scopes grant records actions per collection") {
    using keys_auth::ScopeAction;
    std::vector<std::string> read_posts = {"posts:read"};
    CHECK(keys_auth::scopes_allow_records(read_posts, "posts", ScopeAction::read));
    CHECK_FALSE(keys_auth::scopes_allow_records(read_posts, "posts", ScopeAction::write));
    CHECK_FALSE(keys_auth::scopes_allow_records(read_posts, "notes", ScopeAction::read));
    CHECK(keys_auth::scopes_allow_records({"records:write"}, "notes", ScopeAction::write));
    CHECK(keys_auth::scopes_allow_records({"posts:*"}, "posts", ScopeAction::write));
    CHECK(keys_auth::scopes_allow_records({"*:read"}, "x", ScopeAction::read));
    CHECK(keys_auth::scopes_allow_records({"*"}, "x", ScopeAction::write));
    CHECK_FALSE(keys_auth::scopes_allow_everything(read_posts));
    CHECK(keys_auth::scopes_allow_everything({"posts:read", "*"}));
  }

  TEST_CASE("only the hash of a key is stored and the key authenticates as its owner") {
    ApiKeyFixture f;
    json created = f.create({{"name", "ci"}, {"scopes", {"posts:read"}}});
    std::string key = created["key"];
    CHECK(key.starts_with("fck_"));
    CHECK(key.size() == 44);
    CHECK(created["prefix"] == key.substr(0, 12));

    auto stored = f.t.db().query_one("SELECT hash FROM _apiKeys");
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((**stored)["hash"].to_text() == fastcms::sha256_hex(key));
    auto mentions = f.t.db().query_value("SELECT count(*) FROM _apiKeys WHERE hash = ?1 OR prefix = ?1", {key});
    REQUIRE(mentions.ok());
    CHECK(mentions->to_text() == "0");

    auto who = keys_auth::authenticate(f.t.db(), f.t.schema(), "Bearer " + key, "unused-secret");
    if (!who.ok()) FAIL(who.error().message);
    CHECK(who->record["id"] == f.ann["id"]);
    CHECK(who->claims["type"] == "apiKey");
    CHECK(who->claims["scopes"] == json::array({"posts:read"}));
  }

  TEST_CASE("expired keys fail; lastUsed is written at most once a minute") {
    ApiKeyFixture f;
    auto start = system_clock::now();
    json created = f.create({{"name", "ci"}, {"scopes", {"*"}}, {"expires", "2200-01-01 00:00:00Z"}}, start);
    std::string key = created["key"];
    auto last_used = [&] {
      auto v = f.t.db().query_value("SELECT lastUsed FROM _apiKeys");
      REQUIRE(v.ok());
      return v->to_text();
    };
    REQUIRE(keys_auth::authenticate_api_key(f.t.db(), f.t.schema(), key, start).ok());
    std::string first = last_used();
    CHECK_FALSE(first.empty());
    REQUIRE(keys_auth::authenticate_api_key(f.t.db(), f.t.schema(), key, start + seconds(30)).ok());
    CHECK(last_used() == first);
    REQUIRE(keys_auth::authenticate_api_key(f.t.db(), f.t.schema(), key, start + seconds(90)).ok());
    CHECK(last_used() != first);

    auto late = keys_auth::authenticate_api_key(f.t.db(), f.t.schema(), key, *fastcms::datetime::parse("2200-01-01 00:00:10Z"));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().message.find("expired") != std::string::npos);
  }

  TEST_CASE("a revoked key or a deleted owner no longer authenticates") {
    ApiKeyFixture f;
    json created = f.create({{"name", "ci"}, {"scopes", {"*"}}});
    REQUIRE(keys_auth::revoke_api_key(f.t.db(), f.as_ann, created["id"].get<std::string>()).ok());
    auto revoked = keys_auth::authenticate_api_key(f.t.db(), f.t.schema(), created["key"].get<std::string>());
    REQUIRE_FALSE(revoked.ok());
    CHECK(revoked.error().message.find("revoked") != std::string::npos);

    json second = f.create({{"name", "ci2"}, {"scopes", {"*"}}});
    REQUIRE(f.t.db().exec("DELETE FROM users").ok());
    auto orphan = keys_auth::authenticate_api_key(f.t.db(), f.t.schema(), second["key"].get<std::string>());
    REQUIRE_FALSE(orphan.ok());
    CHECK(orphan.error().message.find("no longer exists") != std::string::npos);
  }
}
