#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/mail/mailer.h"

namespace fastcms::core::mail {

/// Where and how to hand mails over: the settings' `smtp` block plus timeouts.
struct SmtpConfig {
  std::string host;
  int port = 587;
  std::string username;  ///< "" → no authentication
  std::string password;
  std::string auth_method;  ///< "PLAIN", "LOGIN" or "" (the best the server offers)
  bool tls = false;         ///< implicit TLS (smtps://); otherwise STARTTLS when offered
  std::string local_name;   ///< the EHLO name; "" → libcurl's default
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{30};  ///< the whole exchange
};

/// The config in settings `smtp` {host, port, username, password, authMethod, tls, localName}
/// (missing or mistyped keys keep the defaults above).
SmtpConfig smtp_config_from_settings(const nlohmann::json& smtp);

/// Sends through an SMTP server with libcurl, one connection per mail: smtps:// when
/// `tls`, otherwise smtp:// upgraded with STARTTLS when the server offers it; AUTH when a
/// username is set; server certificates are verified. A failure names the server and what it
/// refused, with its last reply, e.g. "SMTP server smtp.x:587 refused the sender a@b.c: 553
/// 5.7.1 Sender address rejected".
class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpConfig config);
  Status send(const MailMessage& message) override;

 private:
  SmtpConfig config_;
};

}  // namespace fastcms::core::mail
