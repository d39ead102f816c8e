#pragma once
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "db/connection.h"

/// Settings persistence in the `_params` table (key TEXT PRIMARY KEY, value TEXT, created,
/// updated), under the key "settings", as PocketBase keeps them. The table is created at
/// startup; these functions only read and write the row.
namespace fastcms::core::settings {

/// The stored settings laid over default_settings() (so settings saved by an older version
/// gain the keys added since); the defaults when nothing is stored yet. Fails when the
/// stored value is not a JSON object or has a value of the wrong type.
Result<nlohmann::json> load_settings(db::Connection& db);

/// Stores `settings` (complete and valid: apply_settings_patch's result) as the "settings"
/// row, creating it or replacing its value; `created` is set once, `updated` every time.
Status save_settings(db::Connection& db, const nlohmann::json& settings);

}  // namespace fastcms::core::settings
