#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace fastcms::core::auth::oauth2 {

/// What the provider sent back to /api/oauth2-redirect: the state (a realtime client id),
/// the authorization code, and the provider's error, if any.
struct RedirectData {
  std::string state, code, error;
};

/// Hands OAuth2 redirects to the clients waiting for them (PocketBase's all-in-one popup
/// flow: the SDK subscribes its realtime client to `@oauth2` and uses the client id as the
/// state). The realtime hub registers one waiter per client id; /api/oauth2-redirect
/// delivers to it. A waiter is used at most once and expires `ttl` after registration.
/// Thread-safe; waiters are called without the lock held.
class RedirectBroker {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using Waiter = std::function<void(const RedirectData&)>;

  explicit RedirectBroker(std::chrono::seconds ttl = std::chrono::minutes(15),
                          Clock clock = [] { return std::chrono::steady_clock::now(); });

  /// Registers (or replaces) the waiter of `client_id`.
  void wait(const std::string& client_id, Waiter waiter);
  /// Removes the waiter of `client_id` (the client disconnected or unsubscribed).
  void cancel(const std::string& client_id);
  /// Calls and removes the live waiter whose id is `data.state`; false when there is none
  /// (unknown, expired or already used). Expired waiters are dropped on the way.
  bool deliver(const RedirectData& data);
  /// The number of live waiters.
  size_t size();

 private:
  struct Entry {
    Waiter waiter;
    std::chrono::steady_clock::time_point expires;
  };
  void drop_expired(std::chrono::steady_clock::time_point now);

  std::chrono::seconds ttl_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> waiters_;
};

}  // namespace fastcms::core::auth::oauth2
