#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/http_client.h"

namespace fastcms::test {

/// An HttpClient that answers from canned responses by URL (method + URL, or URL alone)
/// and records every request, for tests of code that calls other servers.
class FakeHttpClient final : public HttpClient {
 public:
  /// Answers `url` (any method) with `status` and `body` (JSON unless `content_type` says otherwise).
  void answer(const std::string& url, int status, std::string body,
              std::string content_type = "application/json") {
    std::lock_guard lock(mutex_);
    answers_[url] = OutgoingResponse{status, std::move(body), std::move(content_type)};
  }
  /// `url` fails as if the server could not be reached.
  void fail(const std::string& url, std::string message) {
    std::lock_guard lock(mutex_);
    failures_[url] = std::move(message);
  }

  Result<OutgoingResponse> send(const OutgoingRequest& request) override {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (auto f = failures_.find(request.url); f != failures_.end()) return Error::failure(f->second);
    if (auto a = answers_.find(request.url); a != answers_.end()) return a->second;
    return Error::failure("FakeHttpClient: no answer for " + request.method + " " + request.url);
  }

  std::vector<OutgoingRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, OutgoingResponse> answers_;
  std::map<std::string, std::string> failures_;
  std::vector<OutgoingRequest> requests_;
};

}  // namespace fastcms::test
