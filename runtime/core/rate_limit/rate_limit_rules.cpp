#include "core/rate_limit/rate_limit_rules.h"

namespace fastcms::core::rate_limit {
using nlohmann::json;

namespace {

bool audience_fits(const RateLimitRule& rule, bool guest) {
  return rule.audience.empty() || rule.audience == (guest ? "@guest" : "@auth");
}

/// The rule labelled exactly `label` for this audience: one for the audience itself
/// before one for everyone.
const RateLimitRule* rule_with_label(const RateLimitConfig& config, std::string_view label, bool guest) {
  const RateLimitRule* everyone = nullptr;
  for (const auto& rule : config.rules) {
    if (rule.label != label || !audience_fits(rule, guest)) continue;
    if (!rule.audience.empty()) return &rule;
    if (!everyone) everyone = &rule;
  }
  return everyone;
}

/// The path part of a label ("POST /api/" → "/api/") and whether its method (if any) fits.
bool prefix_label_fits(std::string_view label, const RateLimitTarget& target, std::string_view& prefix) {
  if (label.empty() || label.back() != '/') return false;
  size_t space = label.find(' ');
  if (space != std::string_view::npos) {
    if (label.substr(0, space) != target.method) return false;
    prefix = label.substr(space + 1);
  } else {
    prefix = label;
  }
  return !prefix.empty() && prefix.front() == '/' && target.path.starts_with(prefix);
}

const RateLimitRule* longest_prefix_rule(const RateLimitConfig& config, const RateLimitTarget& target, bool guest) {
  const RateLimitRule* best = nullptr;
  size_t best_length = 0;
  int best_rank = -1;  // method-specific 2, audience-specific 1
  for (const auto& rule : config.rules) {
    std::string_view prefix;
    if (!audience_fits(rule, guest) || !prefix_label_fits(rule.label, target, prefix)) continue;
    int rank = (prefix.size() != rule.label.size() ? 2 : 0) + (rule.audience.empty() ? 0 : 1);
    if (!best || prefix.size() > best_length || (prefix.size() == best_length && rank > best_rank)) {
      best = &rule;
      best_length = prefix.size();
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace

RateLimitConfig rate_limit_config(const json& settings) {
  RateLimitConfig config;
  auto block = settings.find("rateLimits");
  if (block == settings.end() || !block->is_object()) return config;
  config.enabled = block->value("enabled", false);
  auto rules = block->find("rules");
  if (rules == block->end() || !rules->is_array()) return config;
  for (const auto& item : *rules) {
    if (!item.is_object()) continue;
    RateLimitRule rule{item.value("label", ""), item.value("audience", ""), item.value("duration", 0),
                       item.value("maxRequests", 0)};
    if (rule.label.empty() || rule.duration_seconds < 1 || rule.max_requests < 1) continue;
    config.rules.push_back(std::move(rule));
  }
  return config;
}

std::optional<RateLimitRule> find_tag_rule(const RateLimitConfig& config, std::string_view collection,
                                           std::string_view tag, bool guest) {
  if (!collection.empty())
    if (auto* rule = rule_with_label(config, std::string(collection) + ":" + std::string(tag), guest)) return *rule;
  if (auto* rule = rule_with_label(config, "*:" + std::string(tag), guest)) return *rule;
  return std::nullopt;
}

std::optional<RateLimitRule> find_rule(const RateLimitConfig& config, const RateLimitTarget& target, bool guest) {
  for (const auto& tag : target.tags)
    if (auto rule = find_tag_rule(config, target.collection, tag, guest)) return rule;
  if (auto* rule = rule_with_label(config, target.method + " " + target.path, guest)) return *rule;
  if (auto* rule = rule_with_label(config, target.path, guest)) return *rule;
  if (auto* rule = longest_prefix_rule(config, target, guest)) return *rule;
  return std::nullopt;
}

}  // namespace fastcms::core::rate_limit
