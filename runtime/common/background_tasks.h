#pragma once
#include <functional>

namespace fastcms::background {

/// Runs `task` later on the process's single background worker, in submission order, so
/// that a request can answer before slow work (sending a mail or an SMS) is done: the
/// response then takes the same time whether or not there was something to send.
/// A task's exceptions are caught and dropped; tasks report their own failures.
void run(std::function<void()> task);

/// Blocks until every task submitted before the call has finished (tests, shutdown).
void wait_idle();

}  // namespace fastcms::background
