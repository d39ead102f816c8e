#include "core/filter/sql_value.h"

#include <nlohmann/json.hpp>

namespace fastcms::core::filter {

std::string to_json_text(const SqlValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return "null";
  if (auto i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&value)) return nlohmann::json(*d).dump();
  return nlohmann::json(std::get<std::string>(value)).dump();
}

}  // namespace fastcms::core::filter
