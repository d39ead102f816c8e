#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/api_error.h"

namespace fastcms::core::auth {

/// A request body of string members, as the auth endpoints bind it: the `keys` present as
/// strings ("" for absent or null members).
using StringForm = std::map<std::string, std::string>;

/// One member's rule: required or not, and the longest value accepted.
struct StringRule {
  const char* key;
  bool required;
  size_t max_length;
};

/// Binds and validates `body` as PocketBase's auth forms do: not an object or a member of
/// another type → 400 form_errors::load_failed_message; a required member blank or a value
/// longer than its max → 400 form_errors::validation_failed_message with per-key data
/// (validation_required, validation_length_out_of_range).
ApiResult<StringForm> bind_string_form(const nlohmann::json& body, const std::vector<StringRule>& rules);

/// 400 form_errors::validation_failed_message with {key: item}.
ApiError invalid_member(const std::string& key, nlohmann::json item);

}  // namespace fastcms::core::auth
