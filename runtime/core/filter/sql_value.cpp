#include "core/filter/sql_value.h"

#include <nlohmann/json.hpp>

namespace fastcms::core::filter {

std::string to_json_text(const SqlValue& value) { return db::to_json(value).dump(); }

}  // namespace fastcms::core::filter
