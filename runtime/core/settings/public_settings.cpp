#include "core/settings/public_settings.h"

#include "core/settings/settings_defaults.h"

namespace fastcms::core::settings {

nlohmann::json public_settings(nlohmann::json settings) {
  for (const auto& path : secret_setting_paths())
    if (settings.contains(path)) settings[path] = "";
  return settings;
}

}  // namespace fastcms::core::settings
