#pragma once
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/api_error.h"

/// The small request forms of the auth endpoints ({email}, {token, password, …}): string
/// members bound from a JSON body and validated with PocketBase's ozzo codes.
namespace fastcms::core::auth {

/// The members `keys` of `body` ("" when absent or null), or nullopt when the body is not an
/// object (a null body counts as empty) or one of them is not a string: PocketBase then
/// answers 400 form_errors::load_failed_message.
std::optional<std::map<std::string, std::string>> bind_string_form(const nlohmann::json& body,
                                                                   std::initializer_list<std::string_view> keys);

/// The first failing rule of PocketBase's email form field (required, length 1–255, email
/// format) as an error item, or null when `value` passes.
nlohmann::json email_field_error(const std::string& value);

/// 400 "An error occurred while loading the submitted data."
ApiError form_load_failed();

/// 400 "An error occurred while validating the submitted data." with `data`.
ApiError form_invalid(nlohmann::json data);

}  // namespace fastcms::core::auth
