#pragma once
#include <string>

#include "db/value.h"

namespace fastcms::core::filter {

/// A value bound to a placeholder; the database layer's value type (NULL, integer —
/// booleans bind as 1/0 —, real, text).
using SqlValue = db::SqlValue;

/// JSON text of a value (null, 1, 1.5, "text"), for messages and test expectations.
std::string to_json_text(const SqlValue& value);

}  // namespace fastcms::core::filter
