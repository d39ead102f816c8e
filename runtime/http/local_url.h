#pragma once
#include <string>

namespace fastcms::http {

/// The host a local client uses to reach a server listening on `host`: a wildcard address
/// (0.0.0.0, ::) becomes 127.0.0.1; an IPv6 literal is bracketed.
std::string client_host(const std::string& host);

/// "http://HOST:PORT" for a server listening on `host`:`port`, as a local client reaches it.
std::string local_base_url(const std::string& host, int port);

}  // namespace fastcms::http
