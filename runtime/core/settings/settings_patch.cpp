#include "core/settings/settings_patch.h"

#include "core/form_errors.h"
#include "core/settings/settings_merge.h"
#include "core/settings/settings_validation.h"

namespace fastcms::core::settings {

ApiResult<nlohmann::json> apply_settings_patch(const nlohmann::json& current, const nlohmann::json& patch) {
  if (!patch.is_object()) return ApiError::bad_request(form_errors::load_failed_message);
  auto merged = merge_settings(current, patch);
  if (!merged.errors.empty()) return ApiError::bad_request(form_errors::load_failed_message, std::move(merged.errors));
  auto errors = settings_errors(merged.settings);
  if (!errors.empty())
    return ApiError::bad_request("An error occurred while saving the new settings.", std::move(errors));
  return std::move(merged.settings);
}

}  // namespace fastcms::core::settings
