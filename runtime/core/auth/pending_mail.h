#pragma once
#include <string>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/mail/mail_message.h"
#include "core/mail/mailer.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// A mail carrying a one-time secret (OTP, magic link) that a request has prepared: sent
/// after the response, so that asking for a known address takes as long as for an unknown one.
struct PendingMail {
  std::string secret_collection;  ///< the system collection holding the secret ("_otps", …)
  std::string secret_id;          ///< the secret's record id
  mail::MailMessage message;
};

/// Sends `pending` through `mailer` (null: an error, no mailer is configured), then records
/// the outcome as finish_one_time_delivery does (the secret deleted on failure). Returns the
/// delivery's failure, if any.
Status deliver_pending_mail(db::Connection& db, const collections::Schema& schema, mail::Mailer* mailer,
                            const PendingMail& pending);

}  // namespace fastcms::core::auth
