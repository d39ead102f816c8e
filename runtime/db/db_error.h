#pragma once
#include <string>
#include <vector>

#include "common/error.h"

/// Recognising database failures that callers handle specially (a duplicate value
/// becomes a validation error, a locked database a "try again"), from the Error a
/// Database returned, without knowing which backend produced it.
namespace fastcms::db {

enum class DbErrorKind {
  other,
  busy,              ///< "database is locked": another writer held the lock too long
  closed,            ///< the Database was closed
  unique_violation,  ///< a UNIQUE / PRIMARY KEY constraint failed
  foreign_key_violation,
  not_null_violation,
  check_violation,
};

DbErrorKind classify_db_error(const Error& error);

/// For a unique violation, the columns involved, without their table
/// ("UNIQUE constraint failed: posts.slug, posts.lang" → {"slug", "lang"}); else empty.
std::vector<std::string> unique_violation_columns(const Error& error);

}  // namespace fastcms::db
