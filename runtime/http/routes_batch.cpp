#include "http/routes_batch.h"

#include <httplib.h>

#include <chrono>

#include "common/strings.h"
#include "http/api_pipeline.h"
#include "http/routes_records.h"

namespace fastcms::http {

namespace {

struct BatchLimits {
  bool enabled = false;
  long long max_requests = 50;
  double timeout_seconds = 3;
};

BatchLimits batch_limits(const nlohmann::json& settings) {
  BatchLimits limits;
  auto batch = settings.value("batch", nlohmann::json::object());
  if (!batch.is_object()) return limits;
  limits.enabled = batch.value("enabled", false);
  limits.max_requests = batch.value("maxRequests", 50LL);
  limits.timeout_seconds = batch.value("timeout", 3.0);
  return limits;
}

nlohmann::json request_error(const std::string& code, const std::string& message) {
  return {{"code", code}, {"message", message}};
}

/// The sub-request `item` as an ApiRequest that inherits the batch request's caller and
/// headers (its own headers win), with @request.context "batch".
core::ApiResult<ApiRequest> sub_request(const ApiRequest& outer, const nlohmann::json& item) {
  if (!item.is_object() || !item.contains("method") || !item["method"].is_string() || !item.contains("url") ||
      !item["url"].is_string())
    return core::ApiError::bad_request("Each batch request needs a method and a url.");
  ApiRequest inner;
  inner.method = item["method"].get<std::string>();
  for (auto& c : inner.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string url = item["url"].get<std::string>();
  auto q = url.find('?');
  inner.path = httplib::detail::decode_url(url.substr(0, q), false);
  if (q != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(url.substr(q + 1), params);
    inner.query.insert(params.begin(), params.end());
  }
  inner.headers = outer.headers;
  if (auto h = item.find("headers"); h != item.end() && h->is_object())
    for (auto& [name, value] : h->items())
      if (value.is_string()) {
        inner.headers[strings::to_lower(name)] = value.get<std::string>();
      }
  inner.headers.erase("content-type");
  inner.headers.erase("content-length");
  if (auto b = item.find("body"); b != item.end() && !b->is_null()) {
    if (!b->is_object()) return core::ApiError::bad_request("A batch request's body must be a JSON object.");
    inner.body = *b;
  }
  inner.remote_ip = outer.remote_ip;
  inner.schema = outer.schema;
  return inner;
}

/// The key a batch file part addresses in sub-request `index` ("requests.{i}.{key}" or
/// "requests[{i}].{key}"; the key keeps its modifier, e.g. "documents+"), or "".
std::string batch_file_key(const std::string& part, size_t index) {
  const std::string i = std::to_string(index);
  for (const std::string prefix : {"requests." + i + ".", "requests[" + i + "]."})
    if (part.size() > prefix.size() && part.compare(0, prefix.size(), prefix) == 0) return part.substr(prefix.size());
  return "";
}

/// Moves the file parts of sub-request `index` out of `files`, keyed by their field.
std::vector<UploadedFile> take_batch_files(std::vector<UploadedFile>& files, size_t index) {
  std::vector<UploadedFile> taken, rest;
  for (auto& file : files) {
    std::string key = batch_file_key(file.field, index);
    if (key.empty()) {
      rest.push_back(std::move(file));
      continue;
    }
    file.field = std::move(key);
    taken.push_back(std::move(file));
  }
  files = std::move(rest);
  return taken;
}

class BatchFailure {
 public:
  BatchFailure(size_t index, nlohmann::json response) : index_(index), response_(std::move(response)) {}
  core::ApiError error() const {
    nlohmann::json entry = request_error("batch_request_failed", "Batch request failed.");
    entry["response"] = response_;
    return core::ApiError::bad_request("Batch transaction failed.",
                                       {{"requests", {{std::to_string(index_), entry}}}});
  }

 private:
  size_t index_;
  nlohmann::json response_;
};

ApiResponse run_batch(core::App& app, const Router& actions, ApiRequest& request) {
  auto limits = batch_limits(*app.settings());
  if (!limits.enabled) return ApiResponse::error(core::ApiError::forbidden("Batch requests are not allowed."));
  auto requests = request.body.find("requests");
  if (requests == request.body.end() || !requests->is_array() || requests->empty())
    return ApiResponse::error(core::ApiError::bad_request(
        "Failed to read the batch request data.",
        {{"requests", request_error("validation_required", "Missing required value.")}}));
  if (static_cast<long long>(requests->size()) > limits.max_requests)
    return ApiResponse::error(core::ApiError::bad_request(
        "Failed to read the batch request data.",
        {{"requests", request_error("validation_length_too_long",
                                    "The batch may hold at most " + std::to_string(limits.max_requests) +
                                        " requests (settings batch.maxRequests).")}}));

  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long long>(limits.timeout_seconds * 1000));
  nlohmann::json results = nlohmann::json::array();
  std::optional<BatchFailure> failure;
  auto status = app.db().transaction([&](db::Connection&) -> Status {
    for (size_t i = 0; i < requests->size(); ++i) {
      if (limits.timeout_seconds > 0 && std::chrono::steady_clock::now() > deadline) {
        failure.emplace(i, core::ApiError::bad_request("The batch timed out (settings batch.timeout).").to_json());
        return Error::failure("batch timeout");
      }
      auto inner = sub_request(request, (*requests)[i]);
      if (!inner.ok()) {
        failure.emplace(i, inner.error().to_json());
        return Error::failure("invalid batch request");
      }
      inner->files = take_batch_files(request.files, i);
      inner->ctx.info.context = "batch";
      auto response = handle_api_request(app, actions, *inner);
      if (response.status >= 400) {
        failure.emplace(i, response.body);
        return Error::failure("batch request failed");
      }
      results.push_back({{"status", response.status}, {"body", response.status == 204 ? nullptr : response.body}});
    }
    return Ok{};
  });
  if (failure) return ApiResponse::error(failure->error());
  if (!status.ok()) return ApiResponse::error(core::ApiError::from(status.error()));
  return ApiResponse::json(std::move(results));
}

}  // namespace

void register_batch_routes(Router& router, core::App& app) {
  auto actions = std::make_shared<Router>();
  register_batch_record_routes(*actions, app);
  router.add("POST", "/api/batch", [&app, actions](ApiRequest& request) { return run_batch(app, *actions, request); });
}

}  // namespace fastcms::http
