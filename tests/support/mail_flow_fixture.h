#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "core/auth/record_mails.h"
#include "support/auth_test_db.h"
#include "support/recording_mailer.h"

namespace fastcms::test {

/// Checks that `result` failed with exactly this status, message and data.
inline void expect_status_error(const core::ApiStatus& result, int status, const std::string& message,
                                const nlohmann::json& data = nlohmann::json::object()) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().status == status);
  CHECK(result.error().message == message);
  CHECK(result.error().data == data);
}

/// Auth collections with stored records, settings with a `meta` block and a RecordingMailer:
/// what the mail flows (core/auth/request_*, confirm_*) need in unit tests.
class MailFlowFixture {
 public:
  static constexpr const char* secret = "project-secret-for-mail-flow-tests";

  /// `definitions` defaults to users (password min 8), nopass (password sign-in disabled),
  /// _superusers and a base collection posts.
  explicit MailFlowFixture(const nlohmann::json& definitions = default_definitions())
      : db_(definitions), mailer_(std::make_shared<RecordingMailer>()) {}

  static nlohmann::json default_definitions() {
    return nlohmann::json::parse(R"J([
      {"name": "users", "type": "auth", "fields": [{"name": "name", "type": "text"}]},
      {"name": "nopass", "type": "auth", "passwordAuth": {"enabled": false}},
      {"name": "_superusers", "type": "auth"},
      {"name": "posts", "type": "base"}
    ])J");
  }

  AuthTestDb& db() { return db_; }
  const core::collections::Collection& collection(std::string_view name) const { return db_.collection(name); }
  RecordingMailer& mailer() { return *mailer_; }
  const nlohmann::json& settings() const { return settings_; }
  core::auth::MailSetup mail() { return {settings_, *mailer_, secret}; }

  /// A stored record with a password of "password123" (cost 4).
  nlohmann::json user(std::string_view collection, const std::string& email, bool verified = false) {
    return db_.insert(collection, {{"email", email}, {"password", "password123"}, {"verified", verified}});
  }

  /// The JWT in a mail's HTML (the {TOKEN} of the templates' links); "" when none.
  static std::string token_in(const core::mail::MailMessage& message) {
    static const std::regex jwt(R"(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)");
    std::smatch m;
    return std::regex_search(message.html, m, jwt) ? m.str() : "";
  }

 private:
  AuthTestDb db_;
  std::shared_ptr<RecordingMailer> mailer_;
  nlohmann::json settings_ = {{"meta",
                               {{"appName", "Acme"},
                                {"appURL", "https://acme.test"},
                                {"senderName", "Acme Support"},
                                {"senderAddress", "support@acme.test"}}}};
};

}  // namespace fastcms::test
