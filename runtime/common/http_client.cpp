#include "common/http_client.h"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

namespace fastcms {

namespace {

/// Where a response body goes, and how much of it is accepted.
struct BodySink {
  std::string* body;
  std::size_t limit;  ///< 0: no limit
};

size_t append_body(char* data, size_t size, size_t count, void* target) {
  auto* sink = static_cast<BodySink*>(target);
  if (sink->limit && sink->body->size() + size * count > sink->limit) return 0;  // curl fails with a write error
  sink->body->append(data, size * count);
  return size * count;
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Result<OutgoingResponse> send(const OutgoingRequest& request) override {
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return Error::failure("HTTP client: curl_easy_init failed");
    curl_slist* header_list = nullptr;
    for (const auto& [name, value] : request.headers)
      header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
    // No "Expect: 100-continue" round trip before bodies.
    header_list = curl_slist_append(header_list, "Expect:");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(header_list, curl_slist_free_all);

    OutgoingResponse response;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    BodySink sink{&response.body, request.max_response_bytes};
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    if (request.method == "POST" || request.method == "PUT") {
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method == "HEAD") {
      curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    }
    if (request.method != "GET" && request.method != "POST" && request.method != "HEAD")
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    CURLcode code = curl_easy_perform(c);
    if (code == CURLE_WRITE_ERROR && request.max_response_bytes)
      return Error::failure(request.method + " " + request.url + ": the response is larger than " +
                            std::to_string(request.max_response_bytes) + " bytes");
    if (code != CURLE_OK)
      return Error::failure(request.method + " " + request.url + ": " + curl_easy_strerror(code));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    char* type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    if (type) response.content_type = type;
    return response;
  }
};

}  // namespace

std::shared_ptr<HttpClient> make_curl_http_client() { return std::make_shared<CurlHttpClient>(); }

}  // namespace fastcms
