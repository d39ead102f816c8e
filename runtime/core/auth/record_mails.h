#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/mail/email_template.h"
#include "core/mail/mailer.h"

/// The mails PocketBase sends about an auth record (mails/record.go): each renders the
/// collection's template with {APP_NAME}, {APP_URL}, {TOKEN} (or {OTP}/{OTP_ID},
/// {ALERT_INFO}) and {RECORD:<field>} for the record's visible fields, and sends it through
/// `mailer`.
namespace fastcms::core::auth {

/// What every record mail needs: the current settings (meta: app name, URL, sender), where
/// to send, and the project secret tokens derive from.
struct MailSetup {
  const nlohmann::json& settings;
  mail::Mailer& mailer;
  std::string_view project_secret;
};

/// The collection's email template `key` (verificationTemplate, resetPasswordTemplate,
/// confirmEmailChangeTemplate, otp.emailTemplate, authAlert.emailTemplate as "otp" and
/// "authAlert") from its definition, or PocketBase's default when the definition has none.
nlohmann::json collection_email_template(const collections::Collection& collection, std::string_view key);

/// verificationTemplate with a verification token, to the record's email.
Status send_verification_mail(const MailSetup& setup, const collections::Collection& collection,
                              const nlohmann::json& record);

/// resetPasswordTemplate with a password-reset token, to the record's email.
Status send_password_reset_mail(const MailSetup& setup, const collections::Collection& collection,
                                const nlohmann::json& record);

/// confirmEmailChangeTemplate with an email-change token for `new_email`, to `new_email`.
Status send_email_change_mail(const MailSetup& setup, const collections::Collection& collection,
                              const nlohmann::json& record, const std::string& new_email);

/// otp.emailTemplate with {OTP_ID} and {OTP}, to the record's email.
Status send_otp_mail(const MailSetup& setup, const collections::Collection& collection, const nlohmann::json& record,
                     const std::string& otp_id, const std::string& code);

/// authAlert.emailTemplate with {ALERT_INFO}, to the record's email.
Status send_login_alert_mail(const MailSetup& setup, const collections::Collection& collection,
                             const nlohmann::json& record, const std::string& alert_info);

/// For mails whose failure the client must not learn (verification and password-reset
/// requests): a failed `sent` is written to stderr as "failed to send the <what> mail: …".
void log_unreported_mail_failure(const Status& sent, std::string_view what);

}  // namespace fastcms::core::auth
