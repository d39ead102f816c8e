#pragma once
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/files/upload.h"
#include "core/request_context.h"

namespace fastcms::http {

/// A file part of a multipart body.
using UploadedFile = core::files::Upload;

/// One API request, independent of the transport, so that /api/batch replays its
/// sub-requests through exactly the handlers (and rules) a direct request takes.
struct ApiRequest {
  std::string method;  ///< upper case
  std::string path;    ///< decoded, without the query
  std::map<std::string, std::string> path_params;     ///< {collection}, {id}, … from the route
  std::multimap<std::string, std::string> query;      ///< decoded query parameters
  std::map<std::string, std::string> headers;         ///< names lower-cased
  nlohmann::json body = nlohmann::json::object();     ///< JSON body, or the multipart fields with @jsonPayload merged
  std::vector<UploadedFile> files;
  std::string remote_ip;
  /// The collections as they were when the request arrived; held for the whole request
  /// so that ctx.info.auth_collection and every Collection pointer stay valid.
  std::shared_ptr<const core::collections::Schema> schema;
  /// Who asks (filled by the pipeline from the Authorization header) and @request.*.
  core::RequestContext ctx;

  /// The first value of a query parameter, or "".
  std::string query_value(std::string_view name) const;
  bool has_query(std::string_view name) const;
  /// A header by name (any case), or "".
  std::string header(std::string_view name) const;
  /// A path parameter, or "".
  std::string param(std::string_view name) const;
};

/// What a handler answers: a JSON body with a status, or 204 with no body, or (for the few
/// non-JSON endpoints such as redirects and HTML pages) a raw body with its content type.
struct ApiResponse {
  int status = 200;
  nlohmann::json body;  ///< ignored for 204 and for raw responses
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers (Retry-After, Location…)
  std::optional<std::string> raw_body;  ///< sent as is instead of `body` when set
  std::string content_type;             ///< the raw body's Content-Type

  static ApiResponse json(nlohmann::json body, int status = 200) { return {status, std::move(body), {}, {}, {}}; }
  static ApiResponse no_content() { return {204, nullptr, {}, {}, {}}; }
  static ApiResponse error(const core::ApiError& error) { return {error.status, error.to_json(), {}, {}, {}}; }
  static ApiResponse raw(int status, std::string content_type, std::string body) {
    return {status, nullptr, {}, std::move(body), std::move(content_type)};
  }
  /// A redirect (302 by default) to `location`.
  static ApiResponse redirect(std::string location, int status = 302) {
    ApiResponse response{status, nullptr, {{"Location", std::move(location)}}, std::string(), "text/plain"};
    return response;
  }
  ApiResponse&& with_header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }
};

}  // namespace fastcms::http
