#include "core/auth/code_form.h"

#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

ApiResult<std::map<std::string, std::string>> required_string_fields(const json& body,
                                                                      std::initializer_list<const char*> keys) {
  if (!body.is_object()) return ApiError::bad_request(form_errors::load_failed_message);
  std::map<std::string, std::string> values;
  json errors = json::object();
  for (const char* key : keys) {
    auto it = body.find(key);
    if (it != body.end() && !it->is_null() && !it->is_string())
      return ApiError::bad_request(form_errors::load_failed_message);
    std::string value = it != body.end() && it->is_string() ? it->get<std::string>() : "";
    if (value.empty()) errors[key] = form_errors::required();
    values[key] = std::move(value);
  }
  if (!errors.empty()) return ApiError::bad_request(form_errors::validation_failed_message, std::move(errors));
  return values;
}

}  // namespace fastcms::core::auth
