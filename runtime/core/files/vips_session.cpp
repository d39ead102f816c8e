#include "core/files/vips_session.h"

#include <mutex>

namespace fastcms::core::files::vips {

Status ensure_started() {
  static std::once_flag started;
  static bool usable = false;
  std::call_once(started, [] {
    if (VIPS_INIT("fastcms") != 0) return;
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    vips_block_untrusted_set(TRUE);
    // libvips also logs warnings ("error in tile", "not enough data") for what it then reports
    // as a failure; those failures come back as errors, so the log lines are only noise.
    auto ignore = [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {};
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, ignore, nullptr);
    usable = true;
  });
  if (!usable) return Error::failure("libvips failed to start, images cannot be processed");
  return Ok{};
}

Error failure(std::string_view what, ErrorKind kind) {
  char* text = vips_error_buffer_copy();
  std::string detail = text ? text : "";
  g_free(text);
  if (auto newline = detail.find('\n'); newline != std::string::npos) detail.resize(newline);
  std::string message(what);
  if (!detail.empty()) message += ": " + detail;
  return Error{kind, std::move(message)};
}

}  // namespace fastcms::core::files::vips
