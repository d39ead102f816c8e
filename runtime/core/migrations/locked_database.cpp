#include "core/migrations/locked_database.h"

#include "db/db_error.h"

namespace fastcms::core::migrations {

Error with_lock_hint(Error error) {
  if (db::classify_db_error(error) != db::DbErrorKind::busy) return error;
  return Error::failure(
      "the database is locked: another process (a running `fastcms dev` or `fastcms serve`?) is writing to it. "
      "Nothing was changed. Wait for it to finish or stop that server, then run the command again.\n  (" +
      error.message + ")");
}

}  // namespace fastcms::core::migrations
