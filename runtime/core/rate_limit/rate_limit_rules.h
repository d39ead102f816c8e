#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The settings' `rateLimits` block and PocketBase's label semantics. A rule's label is one of
///   "/path"            exact path, or a path prefix when it ends with "/" ("/api/");
///   "METHOD /path"     the same, for one method only ("POST /api/batch");
///   "users:create"     a route tag of one collection;
///   "*:create"         that tag on every collection.
/// Tags: list, view, create, update, delete on the records routes; auth on every auth route
/// of a collection (auth-methods, auth-with-*, auth-refresh, request-*, confirm-*,
/// impersonate, …); and, a FastCMS addition, identity on the sign-in and request-* routes,
/// counted per identity (the identity/email/phone of the body) instead of per client.
/// Audience "" applies to everyone, "@guest" to requests without auth, "@auth" to the others.
namespace fastcms::core::rate_limit {

struct RateLimitRule {
  std::string label;
  std::string audience;  ///< "", "@guest" or "@auth"
  int duration_seconds = 0;
  int max_requests = 0;
};

struct RateLimitConfig {
  bool enabled = false;
  std::vector<RateLimitRule> rules;  ///< in settings order; rules with duration or maxRequests < 1 are dropped
};

/// The `rateLimits` object of a settings document ({} or missing: disabled).
RateLimitConfig rate_limit_config(const nlohmann::json& settings);

/// What one request answers to: its method and path and the route tags of its collection.
struct RateLimitTarget {
  std::string method;            ///< upper case
  std::string path;              ///< without the query
  std::string collection;        ///< collection name for tagged routes, else ""
  std::vector<std::string> tags;  ///< e.g. {"auth"} or {"create"}
};

/// The rule that governs `target` for a request by a guest or not, or nullopt: the first
/// label that some rule carries in this order wins: "collection:tag" and "*:tag" for each
/// tag in order, "METHOD path", "path", then the longest matching prefix rule ("METHOD
/// /prefix/" before "/prefix/" of the same length). For one label, a rule of the request's
/// audience comes before a rule for everyone.
std::optional<RateLimitRule> find_rule(const RateLimitConfig& config, const RateLimitTarget& target, bool guest);

/// The rule for the labels "collection:tag" and "*:tag" only (no paths), or nullopt.
std::optional<RateLimitRule> find_tag_rule(const RateLimitConfig& config, std::string_view collection,
                                           std::string_view tag, bool guest);

}  // namespace fastcms::core::rate_limit
