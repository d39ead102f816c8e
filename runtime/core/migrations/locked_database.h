#pragma once
#include "common/error.h"

namespace fastcms::core::migrations {

/// `error` unchanged, unless the database reported it is locked: then a message that says
/// another process (a running `fastcms dev` or `fastcms serve`) holds the write lock and
/// how to proceed, followed by the database's own message.
Error with_lock_hint(Error error);

}  // namespace fastcms::core::migrations
