#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

/// The validation error items PocketBase puts in an error's `data` for its request forms and
/// settings (ozzo-validation codes, messages sentenized as PocketBase shows them):
/// {"code":"validation_...","message":"...","params"?:{...}}.
namespace fastcms::core::form_errors {

/// PocketBase's 400 message for a body that does not fit the form (not an object, wrong types).
inline constexpr const char* load_failed_message = "An error occurred while loading the submitted data.";
/// PocketBase's 400 message for a form whose values fail validation (details in `data`).
inline constexpr const char* validation_failed_message = "An error occurred while validating the submitted data.";

/// An item with `params` only when they are not null.
nlohmann::json item(std::string_view code, std::string_view message, nlohmann::json params = nullptr);

/// "validation_required" "Cannot be blank."
nlohmann::json required();
/// "validation_length_out_of_range" "The length must be between {min} and {max}."
nlohmann::json length_out_of_range(long long min, long long max);
/// "validation_in_invalid" "Must be a valid value."
nlohmann::json not_in_list();
/// "validation_min_greater_equal_than_required" "Must be no less than {threshold}."
nlohmann::json less_than(long long threshold);
/// "validation_is_url" "Must be a valid URL."
nlohmann::json invalid_url();
/// "validation_is_email" "Must be a valid email address."
nlohmann::json invalid_email();
/// "validation_is_host" "Must be a valid IP address or DNS name."
nlohmann::json invalid_host();
/// "validation_match_invalid" "Must be in a valid format."
nlohmann::json invalid_format();
/// "validation_invalid_value" with a message naming the expected type, e.g. "Must be a string."
nlohmann::json wrong_type(std::string_view expected);

/// Sets `item` at the nested `path` of `data`, creating objects on the way: nested forms
/// report {"meta":{"appName":{...}}}, list items by their index as an object key
/// ({"rules":{"0":{"label":{...}}}}), as PocketBase does.
void put(nlohmann::json& data, const std::vector<std::string>& path, nlohmann::json item);

}  // namespace fastcms::core::form_errors
