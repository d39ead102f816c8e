#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/http_client.h"
#include "core/auth/oauth2/redirect_broker.h"
#include "core/collections/collection.h"
#include "core/files/file_storage.h"
#include "core/mail/mailer.h"
#include "core/rate_limit/rate_limiter.h"
#include "db/database.h"

namespace fastcms::core {

/// The running project as every service sees it: the open database, the current
/// collections (an immutable snapshot, swapped whole when collections change, so a
/// request keeps a consistent view while holding its snapshot), the current settings
/// and the project secret tokens are derived from. Thread-safe.
class App {
 public:
  struct Options {
    std::filesystem::path root;  ///< the project folder
    std::string secret;          ///< FASTCMS_SECRET: root of every token signing key
    bool dev = false;            ///< `fastcms dev` (mails to files, verbose errors)
    /// The server's CORS origins (config server.origins); sign-in links may redirect to them.
    std::vector<std::string> origins;
    /// The config's `realtime` section (who may use which realtime topics).
    nlohmann::json realtime = nlohmann::json::object();
  };

  /// Also removes, after each commit, the files the committed changes discarded (deleted
  /// records, replaced files; see core/files/file_discard.h) from file_storage(), on the
  /// background worker; the destructor waits for those removals.
  App(std::unique_ptr<db::Database> database, Options options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  db::Database& db() { return *db_; }
  const Options& options() const { return options_; }
  const std::filesystem::path& root() const { return options_.root; }
  const std::string& secret() const { return options_.secret; }

  /// The current collections; hold the pointer for the duration of a request.
  std::shared_ptr<const collections::Schema> schema() const;
  void set_schema(std::shared_ptr<const collections::Schema> schema);

  /// The current settings in PocketBase's shape (secrets included: never send as is).
  std::shared_ptr<const nlohmann::json> settings() const;
  void set_settings(nlohmann::json settings);

  /// Where the app's mails go (verification, password reset, OTP…); null until one is set.
  std::shared_ptr<mail::Mailer> mailer() const;
  void set_mailer(std::shared_ptr<mail::Mailer> mailer);

  /// The request counters of the settings' rateLimits, shared by every request (batch
  /// sub-requests included) for the App's lifetime.
  rate_limit::RateLimiter& rate_limiter() { return rate_limiter_; }
  /// How the app calls other servers (OAuth2 providers); libcurl unless replaced (tests).
  std::shared_ptr<HttpClient> http_client() const;
  void set_http_client(std::shared_ptr<HttpClient> client);

  /// Where uploaded files are kept, as the current settings choose (`s3` or data/storage);
  /// hold the pointer for the duration of a request: a settings change swaps it.
  std::shared_ptr<files::FileStorage> file_storage() const;
  /// Replaces the storage (tests); the next settings change chooses again from settings.
  void set_file_storage(std::shared_ptr<files::FileStorage> storage);

  /// The realtime clients waiting for an OAuth2 redirect (/api/oauth2-redirect).
  auth::oauth2::RedirectBroker& oauth2_redirects() { return oauth2_redirects_; }

 private:
  std::unique_ptr<db::Database> db_;
  Options options_;
  mutable std::mutex mutex_;
  std::shared_ptr<const collections::Schema> schema_;
  std::shared_ptr<const nlohmann::json> settings_;
  std::shared_ptr<mail::Mailer> mailer_;
  rate_limit::RateLimiter rate_limiter_;
  std::shared_ptr<HttpClient> http_client_;
  std::shared_ptr<files::FileStorage> file_storage_;
  auth::oauth2::RedirectBroker oauth2_redirects_;
  db::ListenerId discard_listener_ = 0;
};

}  // namespace fastcms::core
