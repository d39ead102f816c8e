#include "http/api_request.h"

#include "common/strings.h"

namespace fastcms::http {

std::string ApiRequest::query_value(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string() : it->second;
}

bool ApiRequest::has_query(std::string_view name) const { return query.count(std::string(name)) > 0; }

std::string ApiRequest::header(std::string_view name) const {
  auto it = headers.find(strings::to_lower(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiRequest::param(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string() : it->second;
}

}  // namespace fastcms::http
