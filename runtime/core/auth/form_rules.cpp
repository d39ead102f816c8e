#include "core/auth/form_rules.h"

#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

ApiResult<StringForm> bind_string_form(const json& body, const std::vector<StringRule>& rules) {
  if (!body.is_object()) return ApiError::bad_request(form_errors::load_failed_message);
  StringForm form;
  for (const auto& rule : rules) {
    auto it = body.find(rule.key);
    std::string& value = form[rule.key];
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return ApiError::bad_request(form_errors::load_failed_message);
    value = it->get<std::string>();
  }
  json errors = json::object();
  for (const auto& rule : rules) {
    const std::string& value = form[rule.key];
    if (value.empty()) {
      if (rule.required) errors[rule.key] = form_errors::required();
    } else if (value.size() > rule.max_length) {
      errors[rule.key] = form_errors::length_out_of_range(1, static_cast<long long>(rule.max_length));
    }
  }
  if (!errors.empty()) return ApiError::bad_request(form_errors::validation_failed_message, std::move(errors));
  return form;
}

ApiError invalid_member(const std::string& key, json item) {
  return ApiError::bad_request(form_errors::validation_failed_message, json{{key, std::move(item)}});
}

}  // namespace fastcms::core::auth
