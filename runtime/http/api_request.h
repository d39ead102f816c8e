#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"

namespace fastcms::http {

/// A file part of a multipart body.
struct UploadedFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string content;
};

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

/// What a handler answers: a JSON body with a status, or 204 with no body.
struct ApiResponse {
  int status = 200;
  nlohmann::json body;  ///< ignored for 204

  static ApiResponse json(nlohmann::json body, int status = 200) { return {status, std::move(body)}; }
  static ApiResponse no_content() { return {204, nullptr}; }
  static ApiResponse error(const core::ApiError& error) { return {error.status, error.to_json()}; }
};

}  // namespace fastcms::http
