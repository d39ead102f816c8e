#pragma once
#include <nlohmann/json.hpp>

namespace fastcms::core::settings {

/// The result of laying a partial settings document over complete settings.
struct MergedSettings {
  nlohmann::json settings;
  /// Type errors per nested key, PocketBase-style ({"smtp":{"port":{"code":...}}}); an
  /// empty object when there are none.
  nlohmann::json errors = nlohmann::json::object();
};

/// `overlay` laid over `base` (complete settings, e.g. default_settings()), key by key as
/// PocketBase binds a PATCH body onto its settings: objects merge recursively; scalars and
/// lists are replaced; null leaves a value as it is (a list becomes []); keys that are not
/// settings are ignored; "" for a secret (secret_setting_paths) keeps the current secret.
/// Each value must have the type of the setting it replaces (string, boolean, integer,
/// object, list of strings, list of rate limit rule objects); a mismatch is reported in
/// `errors` ("validation_invalid_value", e.g. "Must be an integer.") and that value is
/// left unchanged. A non-object overlay is reported at the root key "".
MergedSettings merge_settings(nlohmann::json base, const nlohmann::json& overlay);

}  // namespace fastcms::core::settings
