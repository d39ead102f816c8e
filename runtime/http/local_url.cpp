#include "http/local_url.h"

namespace fastcms::http {

std::string client_host(const std::string& host) {
  if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") return "127.0.0.1";
  if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
  return host;
}

std::string local_base_url(const std::string& host, int port) {
  return "http://" + client_host(host) + ":" + std::to_string(port);
}

}  // namespace fastcms::http
