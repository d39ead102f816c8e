#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/collections/collection_file.h"

namespace fastcms::core::collections {

/// How a rule reads in short: "superusers" (null), "everyone" ("") or "rule" (a filter).
std::string rule_in_short(const nlohmann::json& rule);

/// The five CRUD rule names, in order.
inline constexpr const char* rule_names[] = {"listRule", "viewRule", "createRule", "updateRule", "deleteRule"};

/// {name, type, fields (count incl. implicit), file, rules{listRule: ...}} for `collections list --json`.
nlohmann::json summarize(const CollectionFile& file);

}  // namespace fastcms::core::collections
