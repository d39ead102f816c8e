#include "core/mail/settings_mailer.h"

#include "core/app/app.h"
#include "core/mail/mail_folder.h"
#include "core/mail/smtp_mailer.h"

namespace fastcms::core::mail {

SettingsMailer::SettingsMailer(const App& app)
    : app_(app), folder_(std::make_shared<MailFolder>(project_mail_folder(app.root()), app.root())) {}

Status SettingsMailer::send(const MailMessage& message) {
  auto settings = app_.settings();
  nlohmann::json smtp = settings && settings->is_object() ? settings->value("smtp", nlohmann::json::object())
                                                          : nlohmann::json::object();
  auto enabled = smtp.is_object() ? smtp.find("enabled") : smtp.end();
  if (enabled != smtp.end() && enabled->is_boolean() && enabled->get<bool>())
    return SmtpMailer(smtp_config_from_settings(smtp)).send(message);
  if (app_.options().dev) return folder_->send(message);
  return Error::usage(mail_not_configured_message);
}

}  // namespace fastcms::core::mail
