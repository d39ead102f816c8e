#include "core/form_errors.h"

#include <string>

namespace fastcms::core::form_errors {
using nlohmann::json;

json item(std::string_view code, std::string_view message, json params) {
  json out = {{"code", code}, {"message", message}};
  if (!params.is_null()) out["params"] = std::move(params);
  return out;
}

json required() { return item("validation_required", "Cannot be blank."); }

json length_out_of_range(long long min, long long max) {
  return item("validation_length_out_of_range",
              "The length must be between " + std::to_string(min) + " and " + std::to_string(max) + ".",
              {{"min", min}, {"max", max}});
}

json not_in_list() { return item("validation_in_invalid", "Must be a valid value."); }

json less_than(long long threshold) {
  return item("validation_min_greater_equal_than_required", "Must be no less than " + std::to_string(threshold) + ".",
              {{"threshold", threshold}});
}

json invalid_url() { return item("validation_is_url", "Must be a valid URL."); }
json invalid_email() { return item("validation_is_email", "Must be a valid email address."); }
json invalid_host() { return item("validation_is_host", "Must be a valid IP address or DNS name."); }
json invalid_format() { return item("validation_match_invalid", "Must be in a valid format."); }

json wrong_type(std::string_view expected) {
  return item("validation_invalid_value", "Must be " + std::string(expected) + ".");
}

void put(json& data, const std::vector<std::string>& path, json item) {
  json* node = &data;
  for (const auto& key : path) {
    if (!node->is_object()) *node = json::object();
    node = &(*node)[key];
  }
  *node = std::move(item);
}

}  // namespace fastcms::core::form_errors
