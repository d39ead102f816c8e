#pragma once

// percent_encode, form_encode and form_decode, which requests to other servers need.
#include "common/percent_encoding.h"
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

/// Outgoing HTTP requests (OAuth2 token exchange and user info, later webhooks), behind a
/// small interface so that tests can answer them without a network.
namespace fastcms {

struct OutgoingRequest {
  std::string method = "GET";  ///< GET, HEAD, POST, PUT or DELETE
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< sent for POST and PUT, with the Content-Type given in `headers`
  std::chrono::milliseconds timeout{30000};  ///< for the whole exchange, connecting included
  /// The largest response body accepted; a longer one fails the request (0: no limit).
  std::size_t max_response_bytes = 0;
};

struct OutgoingResponse {
  int status = 0;
  std::string body;
  std::string content_type;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  /// Sends `request` and returns the response, whatever its status. An Error only when no
  /// response arrived (bad URL, connection refused, TLS failure, timeout); its message says why.
  virtual Result<OutgoingResponse> send(const OutgoingRequest& request) = 0;
};

/// The libcurl client: follows no redirects, verifies TLS peers, honours the timeout.
std::shared_ptr<HttpClient> make_curl_http_client();


}  // namespace fastcms
