#pragma once
#include <memory>

#include "core/mail/mailer.h"

namespace fastcms::core {
class App;
}

namespace fastcms::core::mail {

/// PocketBase's message when no transport is configured outside dev.
inline constexpr const char* mail_not_configured_message =
    "mail is not configured: enable smtp in the settings (PATCH /api/settings)";

/// The App's mailer: at each send it reads the App's current settings, so a settings change
/// applies to the next mail without a restart:
/// - smtp.enabled → an SmtpMailer for the `smtp` block;
/// - otherwise, in dev (App::options().dev) → the MailFolder <project>/data/mail;
/// - otherwise → the error mail_not_configured_message.
/// `app` must outlive the mailer (the App owns it through set_mailer).
class SettingsMailer final : public Mailer {
 public:
  explicit SettingsMailer(const App& app);
  Status send(const MailMessage& message) override;

 private:
  const App& app_;
  std::shared_ptr<Mailer> folder_;  ///< shared by every dev send, so file numbers keep counting
};

}  // namespace fastcms::core::mail
