#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"

namespace fastcms {

/// One outgoing HTTP POST (libcurl).
struct HttpPost {
  std::string url;
  std::string content_type;  ///< e.g. "application/json"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers
  std::string basic_user, basic_password;                    ///< HTTP basic auth when basic_user is set
  long timeout_seconds = 15;
};

/// What the server answered.
struct HttpReply {
  long status = 0;
  std::string body;
};

/// Sends `request` and returns the reply, whatever its status; an error only when no reply
/// came (bad URL, connection refused, timeout), naming the URL and curl's reason.
Result<HttpReply> http_post(const HttpPost& request);

}  // namespace fastcms
