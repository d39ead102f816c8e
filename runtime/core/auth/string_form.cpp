#include "core/auth/string_form.h"

#include "common/text_formats.h"
#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {
constexpr size_t max_email_length = 255;
}

std::optional<std::map<std::string, std::string>> bind_string_form(const json& body,
                                                                   std::initializer_list<std::string_view> keys) {
  if (!body.is_null() && !body.is_object()) return std::nullopt;
  std::map<std::string, std::string> form;
  for (std::string_view key : keys) {
    std::string name(key);
    form[name] = "";
    if (!body.is_object()) continue;
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return std::nullopt;
    form[name] = it->get<std::string>();
  }
  return form;
}

json email_field_error(const std::string& value) {
  if (value.empty()) return form_errors::required();
  if (value.size() > max_email_length) return form_errors::length_out_of_range(1, max_email_length);
  if (!text_formats::is_email_address(value)) return form_errors::invalid_email();
  return nullptr;
}

ApiError form_load_failed() { return ApiError::bad_request(form_errors::load_failed_message); }

ApiError form_invalid(json data) { return ApiError::bad_request(form_errors::validation_failed_message, std::move(data)); }

}  // namespace fastcms::core::auth
