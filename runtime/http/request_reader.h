#pragma once
#include "core/api_error.h"
#include "http/api_request.h"

namespace httplib {
struct Request;
}

namespace fastcms::http {

/// Builds the transport-independent request from what cpp-httplib received: method,
/// decoded path, query (from the URL only, never from a form body), lower-cased headers,
/// the remote address, and the body:
/// - JSON (any content type ending in json, or no content type): must be an object;
/// - multipart/form-data: plain fields become strings (a repeated name becomes an
///   array), each `@jsonPayload` part is a JSON object merged into the body, and parts
///   with a file name are collected as files (their bytes are moved out of `request`);
/// - application/x-www-form-urlencoded: fields as for multipart.
/// A malformed body is a 400 that says what was wrong with it.
core::ApiResult<ApiRequest> read_request(httplib::Request& request);

/// Merges a multipart/form field `name` = `value` into `body` the PocketBase way (a
/// repeated name collects the values in an array; "@jsonPayload" merges a JSON object).
core::ApiStatus merge_form_field(nlohmann::json& body, const std::string& name, const std::string& value);

}  // namespace fastcms::http
