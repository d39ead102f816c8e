#pragma once
#include <nlohmann/json.hpp>

#include "core/api_error.h"

namespace fastcms::core::settings {

/// PATCH /api/settings: `patch` laid over `current` (merge_settings), then validated
/// (settings_errors). Returns the complete new settings, secrets included (store them with
/// save_settings, answer with public_settings). Failures, as 400 with per-key `data`:
/// - `patch` not an object, or a value of the wrong type:
///   "An error occurred while loading the submitted data.";
/// - invalid values: "An error occurred while saving the new settings.".
ApiResult<nlohmann::json> apply_settings_patch(const nlohmann::json& current, const nlohmann::json& patch);

}  // namespace fastcms::core::settings
