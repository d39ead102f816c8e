#include "http/query_params.h"

#include <charconv>

namespace fastcms::http {

namespace {
core::ApiError invalid_param(std::string_view name, const std::string& value, const char* expected) {
  return core::ApiError::bad_request("Invalid query parameter " + std::string(name) + "=\"" + value + "\": " +
                                     expected + ".");
}
}  // namespace

core::ApiResult<long long> int_param(const ApiRequest& request, std::string_view name, long long fallback) {
  std::string value = request.query_value(name);
  if (value.empty()) return fallback;
  long long out = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size()) return invalid_param(name, value, "expected an integer");
  return out;
}

core::ApiResult<bool> bool_param(const ApiRequest& request, std::string_view name) {
  std::string v = request.query_value(name);
  if (v.empty() || v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False") return false;
  if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") return true;
  return invalid_param(name, v, "expected true or false");
}

}  // namespace fastcms::http
