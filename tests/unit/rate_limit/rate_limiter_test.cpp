#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "core/rate_limit/rate_limiter.h"
#include "core/rate_limit/request_limit.h"

namespace {

namespace rl = fastcms::core::rate_limit;
using std::chrono::seconds;
using LimiterClock = rl::RateLimiter::Clock;

}  // namespace

TEST_SUITE("rate limiter") {
  TEST_CASE("a window admits max requests, then refuses with the seconds left, then starts afresh") {
    rl::RateLimiter limiter;
    auto t0 = LimiterClock::time_point{} + seconds(1000);
    CHECK(limiter.hit("k", 2, seconds(10), t0).allowed);
    CHECK(limiter.hit("k", 2, seconds(10), t0 + seconds(1)).allowed);
    auto refused = limiter.hit("k", 2, seconds(10), t0 + std::chrono::milliseconds(2500));
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retry_after_seconds == 8);  // 7.5 s left, rounded up
    CHECK(limiter.hit("other", 2, seconds(10), t0 + seconds(2)).allowed);  // keys are independent
    CHECK_FALSE(limiter.hit("k", 2, seconds(10), t0 + std::chrono::milliseconds(9999)).allowed);
    CHECK(limiter.hit("k", 2, seconds(10), t0 + seconds(10)).allowed);  // the next window
  }

  TEST_CASE("memory stays bounded: expired windows are swept, live ones capped") {
    rl::RateLimiter limiter(100);
    auto t0 = LimiterClock::time_point{} + seconds(1000);
    for (int i = 0; i < 100; ++i) limiter.hit("old" + std::to_string(i), 1, seconds(1), t0);
    for (int i = 0; i < 50; ++i) limiter.hit("new" + std::to_string(i), 1, seconds(60), t0 + seconds(5));
    CHECK(limiter.size() <= 100);
    CHECK_FALSE(limiter.hit("new0", 1, seconds(60), t0 + seconds(6)).allowed);  // live windows survive the sweep
    for (int i = 0; i < 1000; ++i) limiter.hit("live" + std::to_string(i), 1, seconds(60), t0 + seconds(7));
    CHECK(limiter.size() <= 100);
  }

  TEST_CASE("thread-safe: concurrent hits on one key admit exactly max requests") {
    rl::RateLimiter limiter;
    std::atomic<int> admitted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 100; ++i)
          if (limiter.hit("shared", 250, seconds(60)).allowed) ++admitted;
      });
    for (auto& t : threads) t.join();
    CHECK(admitted == 250);
  }

  TEST_CASE("check_rate_limits: per IP, and per identity across IPs") {
    auto config = rl::rate_limit_config(
        {{"rateLimits",
          {{"enabled", true},
           {"rules",
            {{{"label", "*:auth"}, {"duration", 60}, {"maxRequests", 3}},
             {{"label", "*:identity"}, {"duration", 60}, {"maxRequests", 2}}}}}}});
    rl::RateLimiter limiter;
    auto sign_in = [&](const std::string& ip, const std::string& identity) {
      rl::RateLimitRequest request{{"POST", "/api/collections/users/auth-with-password", "users", {"auth"}}, ip,
                                   identity, true};
      return rl::check_rate_limits(limiter, config, request);
    };
    CHECK(sign_in("1.1.1.1", "ann").allowed);
    CHECK(sign_in("2.2.2.2", "ann").allowed);
    auto third = sign_in("3.3.3.3", "ann");  // a fresh IP, but ann had her two tries
    CHECK_FALSE(third.allowed);
    CHECK(third.retry_after_seconds >= 59);
    CHECK(sign_in("1.1.1.1", "bob").allowed);
    CHECK(sign_in("1.1.1.1", "carl").allowed);        // 1.1.1.1's third auth call
    CHECK_FALSE(sign_in("1.1.1.1", "dave").allowed);  // and its fourth
    CHECK(sign_in("4.4.4.4", "").allowed);             // no identity: per IP only

    // Without an identity rule the auth rule counts identities too; disabled counts nothing.
    auto auth_only = rl::rate_limit_config(
        {{"rateLimits", {{"enabled", true}, {"rules", {{{"label", "*:auth"}, {"duration", 60}, {"maxRequests", 1}}}}}}});
    rl::RateLimiter other;
    rl::RateLimitRequest first{{"POST", "/p", "users", {"auth"}}, "5.5.5.5", "dan", true};
    rl::RateLimitRequest second{{"POST", "/p", "users", {"auth"}}, "6.6.6.6", "dan", true};
    CHECK(rl::check_rate_limits(other, auth_only, first).allowed);
    CHECK_FALSE(rl::check_rate_limits(other, auth_only, second).allowed);
    auth_only.enabled = false;
    CHECK(rl::check_rate_limits(other, auth_only, second).allowed);
  }
}
