#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/collections/collection.h"

namespace fastcms::core::filter {

/// What `@request.*` reads. Filled by the HTTP layer (or a test); values the compiler takes
/// from here are bound as parameters, never written into SQL.
struct RequestInfo {
  /// @request.context: default | oauth2 | otp | password | realtime | protectedFile | batch | expand
  std::string context = "default";
  /// @request.method, e.g. "GET".
  std::string method = "GET";
  /// @request.headers.*: looked up with names lowercased and '-' turned into '_', so keys
  /// may be given in either form ("X-Token" or "x_token").
  std::map<std::string, std::string> headers;
  /// @request.query.*: the URL query parameters.
  std::map<std::string, std::string> query;
  /// @request.body.*: the submitted fields, after field modifiers (`tags+`, …) were applied.
  nlohmann::json body = nlohmann::json::object();
  /// @request.auth.*: the authenticated record as JSON ({id, email, …}); null when anonymous.
  nlohmann::json auth = nullptr;
  /// The collection of `auth` (lets @request.auth.rel.field follow relations); may be null.
  const collections::Collection* auth_collection = nullptr;
};

}  // namespace fastcms::core::filter
