#pragma once

namespace fastcms::interrupt {

/// Installs SIGINT/SIGTERM handlers that set a flag instead of killing the process, so
/// long operations can stop at a safe point and clean up.
void install_handlers();

/// True once SIGINT or SIGTERM has arrived.
bool requested();

/// Sets the flag as if a signal had arrived (tests use this).
void request();

}  // namespace fastcms::interrupt
