#pragma once
#include <chrono>
#include <filesystem>
#include <string>

#include "common/error.h"

namespace fastcms::http {

/// The health endpoint for `url`: a URL with no path (or "/") gets "/api/health"; any other
/// path is used as given. A usage error when `url` is not an http:// or https:// URL.
Result<std::string> health_url_for(const std::string& url);

/// The base URL of the local server, for `fastcms healthcheck` without --url: the port is
/// $PORT when set (as `fastcms serve` uses it), else the port of the project containing
/// `start` (with .env and FASTCMS_* applied), else 8090; the host is the project's listen
/// host as a client reaches it (127.0.0.1 for a wildcard or when there is no project).
Result<std::string> default_health_base_url(const std::filesystem::path& start);

/// GETs `url` and succeeds only on a 200 answer. Errors say what happened: no connection
/// (with the reason), a timeout, or the status that came back.
Status probe_health(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace fastcms::http
