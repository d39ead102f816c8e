#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/collections/collection.h"

namespace fastcms::core::codegen {

/// What the document says about itself.
struct OpenApiInfo {
  std::string title = "fastcms";
  std::string version = "1.0.0";
  std::string server_url = "http://127.0.0.1:8090";  ///< the `servers` entry
};

/// An OpenAPI 3.1 document of the project's HTTP API: for every collection of `schema`
/// (plus `_superusers`) its records endpoints with request and response schemas and the
/// rule that guards each operation (`x-fastcms-rule`, and the `authToken` security scheme
/// where only superusers may call); for auth collections their sign-in and account
/// endpoints; `/api/health` and `/api/batch`. PocketBase's error body, list parameters
/// and standard error responses are shared components. Operation ids are unique.
nlohmann::ordered_json openapi_document(const collections::Schema& schema, const OpenApiInfo& info);

}  // namespace fastcms::core::codegen
