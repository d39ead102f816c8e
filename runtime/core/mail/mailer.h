#pragma once

#include "common/error.h"
#include "core/mail/mail_message.h"

namespace fastcms::core::mail {

/// Something that delivers mail: SMTP, a folder of .eml files in dev, or a test recorder.
/// Implementations are thread-safe; send() returns once the mail is handed over (an SMTP
/// server accepted it, a file is written) or with an error naming what failed.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status send(const MailMessage& message) = 0;
};

}  // namespace fastcms::core::mail
