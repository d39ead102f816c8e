#include "core/rate_limit/request_limit.h"

#include <algorithm>

#include "common/strings.h"

namespace fastcms::core::rate_limit {

namespace {

std::string rule_key(const char* kind, const RateLimitRule& rule, const std::string& who) {
  return std::string(kind) + "|" + rule.label + "@@" + rule.audience + "|" + who;
}

RateLimitDecision count(RateLimiter& limiter, const RateLimitRule& rule, const std::string& key) {
  return limiter.hit(key, rule.max_requests, std::chrono::seconds(rule.duration_seconds));
}

}  // namespace

std::string identity_from_body(const nlohmann::json& body) {
  if (!body.is_object()) return {};
  for (const char* key : {"identity", "email", "phone"}) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_string()) continue;
    std::string value = strings::to_lower(strings::trim(it->get<std::string>()));
    if (!value.empty()) return value;
  }
  return {};
}

RateLimitDecision check_rate_limits(RateLimiter& limiter, const RateLimitConfig& config,
                                    const RateLimitRequest& request) {
  if (!config.enabled || config.rules.empty()) return {};
  RateLimitDecision result;
  if (auto rule = find_rule(config, request.target, request.guest)) {
    auto decision = count(limiter, *rule, rule_key("ip", *rule, request.client_ip));
    if (!decision.allowed) result = decision;
  }
  if (!request.identity.empty()) {
    auto rule = find_tag_rule(config, request.target.collection, "identity", request.guest);
    if (!rule) rule = find_tag_rule(config, request.target.collection, "auth", request.guest);
    if (rule) {
      auto decision =
          count(limiter, *rule, rule_key("identity", *rule, request.target.collection + "|" + request.identity));
      if (!decision.allowed)
        result = {false, std::max(result.retry_after_seconds, decision.retry_after_seconds)};
    }
  }
  return result;
}

}  // namespace fastcms::core::rate_limit
