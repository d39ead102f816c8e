#pragma once
#include "common/error.h"

namespace fastcms {

/// Replaces the running process with a fresh start of the same executable and arguments
/// (execv of /proc/self/exe, same pid, same working directory and environment), as
/// PocketBase does after a restore. Every descriptor but stdin, stdout and stderr is
/// closed on exec (listening sockets included). Returns only on failure.
Status restart_process();

}  // namespace fastcms
