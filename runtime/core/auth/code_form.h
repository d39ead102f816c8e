#pragma once
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api_error.h"

namespace fastcms::core::auth {

/// The string members `keys` of a request body, all required, as PocketBase's small auth
/// forms bind them: a body that is not an object or a member that is not a string →
/// 400 form_errors::load_failed_message; blank members → 400
/// form_errors::validation_failed_message with validation_required per key.
ApiResult<std::map<std::string, std::string>> required_string_fields(const nlohmann::json& body,
                                                                      std::initializer_list<const char*> keys);

}  // namespace fastcms::core::auth
