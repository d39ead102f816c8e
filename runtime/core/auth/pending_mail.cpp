#include "core/auth/pending_mail.h"

#include "core/auth/one_time_records.h"

namespace fastcms::core::auth {

Status deliver_pending_mail(db::Connection& db, const collections::Schema& schema, mail::Mailer* mailer,
                            const PendingMail& pending) {
  Status sent = mailer ? mailer->send(pending.message) : Status(Error::failure("no mailer is configured"));
  return finish_one_time_delivery(db, schema, pending.secret_collection, pending.secret_id, sent);
}

}  // namespace fastcms::core::auth
