#include "core/files/remote_file.h"

namespace fastcms::core::files {

namespace {

bool is_web_url(std::string_view url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

/// The last segment of the URL's path, without query or fragment.
std::string last_path_segment(std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return "file";
  std::string_view path = rest.substr(slash);
  std::string_view last = path.substr(path.rfind('/') + 1);
  return last.empty() ? "file" : std::string(last);
}

}  // namespace

Result<Upload> fetch_remote_file(HttpClient& http, std::string_view url, std::string field, std::size_t max_bytes,
                                 std::chrono::milliseconds timeout) {
  if (!is_web_url(url)) return Error::usage("not an http(s) URL: " + std::string(url));
  OutgoingRequest request;
  request.url = std::string(url);
  request.timeout = timeout;
  request.max_response_bytes = max_bytes;
  auto response = http.send(request);
  if (!response.ok()) return response.error();
  if (response->status < 200 || response->status > 299)
    return Error::failure("GET " + std::string(url) + " answered " + std::to_string(response->status));
  if (response->body.size() > max_bytes)
    return Error::failure("GET " + std::string(url) + ": the response is larger than " + std::to_string(max_bytes) + " bytes");
  return Upload{std::move(field), last_path_segment(url), response->content_type, std::move(response->body)};
}

}  // namespace fastcms::core::files
