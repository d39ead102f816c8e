#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/rate_limit/rate_limit_rules.h"
#include "core/rate_limit/rate_limiter.h"

namespace fastcms::core::rate_limit {

/// One request as the rate limits see it.
struct RateLimitRequest {
  RateLimitTarget target;
  std::string client_ip;
  /// The account a sign-in or request-* call names (identity_from_body), or "".
  std::string identity;
  bool guest = true;
};

/// The account a sign-in or request-* body names: its "identity", else "email", else
/// "phone", trimmed and lower-cased; "" when there is none.
std::string identity_from_body(const nlohmann::json& body);

/// Counts `request` against `config` (nothing when disabled):
/// - per client IP under find_rule() (one window per rule and IP);
/// - and, when it names an identity, per identity (collection + identity) under the
///   collection's "identity" tag rule, or its "auth" tag rule when there is none, so one
///   account cannot be tried from many addresses.
/// Refused when either window is full; retry_after_seconds is the later of the two.
RateLimitDecision check_rate_limits(RateLimiter& limiter, const RateLimitConfig& config,
                                    const RateLimitRequest& request);

}  // namespace fastcms::core::rate_limit
