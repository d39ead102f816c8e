#include <doctest/doctest.h>

#include "core/rate_limit/client_ip.h"
#include "core/rate_limit/rate_limit_rules.h"
#include "core/rate_limit/request_limit.h"

namespace {

using nlohmann::json;
namespace rl = fastcms::core::rate_limit;

rl::RateLimitConfig rules_config(const json& rules) {
  return rl::rate_limit_config({{"rateLimits", {{"enabled", true}, {"rules", rules}}}});
}

json rules_rule(const char* label, int max, const char* audience = "") {
  return {{"label", label}, {"audience", audience}, {"duration", 10}, {"maxRequests", max}};
}

/// The label of the rule found for `target`, or "-" when none applies.
std::string rules_found(const rl::RateLimitConfig& config, const rl::RateLimitTarget& target, bool guest = true) {
  auto rule = rl::find_rule(config, target, guest);
  return rule ? rule->label + (rule->audience.empty() ? "" : "@" + rule->audience) : "-";
}

}  // namespace

TEST_SUITE("rate limit rules") {
  TEST_CASE("the settings block: disabled, dropped rules, defaults") {
    CHECK_FALSE(rl::rate_limit_config(json::object()).enabled);
    auto config = rl::rate_limit_config(
        {{"rateLimits",
          {{"enabled", true},
           {"rules", {rules_rule("/api/", 5), {{"label", "/x"}, {"duration", 0}, {"maxRequests", 3}}, "junk"}}}}});
    CHECK(config.enabled);
    REQUIRE(config.rules.size() == 1);
    CHECK(config.rules[0].max_requests == 5);
    CHECK(config.rules[0].duration_seconds == 10);
  }

  TEST_CASE("tags win over paths, exact paths over prefixes, the longest prefix over shorter ones") {
    auto config = rules_config({rules_rule("/api/", 1), rules_rule("/api/collections/", 2),
                                rules_rule("POST /api/collections/", 3), rules_rule("/api/batch", 4),
                                rules_rule("*:auth", 5), rules_rule("users:auth", 6), rules_rule("*:create", 7)});
    rl::RateLimitTarget auth{"POST", "/api/collections/users/auth-with-password", "users", {"auth"}};
    CHECK(rules_found(config, auth) == "users:auth");
    auth.collection = "_superusers";
    CHECK(rules_found(config, auth) == "*:auth");
    CHECK(rules_found(config, {"POST", "/api/collections/posts/records", "posts", {"create"}}) == "*:create");
    CHECK(rules_found(config, {"GET", "/api/collections/posts/records", "posts", {"list"}}) == "/api/collections/");
    CHECK(rules_found(config, {"PATCH", "/api/collections/posts", "", {}}) == "/api/collections/");
    CHECK(rules_found(config, {"POST", "/api/collections/posts", "", {}}) == "POST /api/collections/");
    CHECK(rules_found(config, {"POST", "/api/batch", "", {}}) == "/api/batch");
    CHECK(rules_found(config, {"POST", "/api/batch/x", "", {}}) == "/api/");  // /api/batch is no prefix
    CHECK(rules_found(config, {"GET", "/api/health", "", {}}) == "/api/");
    CHECK(rules_found(config, {"GET", "/other", "", {}}) == "-");
  }

  TEST_CASE("METHOD labels match only that method, exactly or as a prefix") {
    auto config = rules_config({rules_rule("GET /api/settings", 1), rules_rule("DELETE /api/", 2)});
    CHECK(rules_found(config, {"GET", "/api/settings", "", {}}) == "GET /api/settings");
    CHECK(rules_found(config, {"PATCH", "/api/settings", "", {}}) == "-");
    CHECK(rules_found(config, {"DELETE", "/api/collections/x", "", {}}) == "DELETE /api/");
    CHECK(rules_found(config, {"GET", "/api/collections/x", "", {}}) == "-");
  }

  TEST_CASE("audience: @guest and @auth only for them, before the rule for everyone") {
    auto config =
        rules_config({rules_rule("*:auth", 1), rules_rule("*:auth", 2, "@guest"), rules_rule("/api/", 3, "@auth")});
    rl::RateLimitTarget auth{"POST", "/api/collections/users/auth-refresh", "users", {"auth"}};
    CHECK(rules_found(config, auth, /*guest=*/true) == "*:auth@@guest");
    CHECK(rules_found(config, auth, /*guest=*/false) == "*:auth");
    CHECK(rules_found(config, {"GET", "/api/health", "", {}}, true) == "-");
    CHECK(rules_found(config, {"GET", "/api/health", "", {}}, false) == "/api/@@auth");
  }

  TEST_CASE("identity_from_body: identity, else email, else phone, lower-cased") {
    CHECK(rl::identity_from_body({{"identity", " Ann@Example.COM "}, {"password", "x"}}) == "ann@example.com");
    CHECK(rl::identity_from_body({{"email", "Bob@example.com"}}) == "bob@example.com");
    CHECK(rl::identity_from_body({{"phone", "+4912345"}}) == "+4912345");
    CHECK(rl::identity_from_body({{"identity", 5}, {"email", ""}}).empty());
    CHECK(rl::identity_from_body(json::array()).empty());
  }

  TEST_CASE("client_ip: the socket address unless trusted proxy headers are configured and sent") {
    std::map<std::string, std::string> headers{{"x-forwarded-for", "198.51.100.1, 10.0.0.2"}, {"x-real-ip", ""}};
    CHECK(rl::client_ip("127.0.0.1", headers, json::object()) == "127.0.0.1");
    json settings = {{"trustedProxy", {{"headers", {"X-Real-IP", "X-Forwarded-For"}}, {"useLeftmostIP", false}}}};
    CHECK(rl::client_ip("127.0.0.1", headers, settings) == "10.0.0.2");
    settings["trustedProxy"]["useLeftmostIP"] = true;
    CHECK(rl::client_ip("127.0.0.1", headers, settings) == "198.51.100.1");
    CHECK(rl::client_ip("127.0.0.1", {}, settings) == "127.0.0.1");
  }
}
