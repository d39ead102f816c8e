#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fastcms::project {

/// `value` as a YAML document (block style, keys in the object's order) that
/// parse_structured reads back as the same JSON: strings that could be read as
/// anything else (numbers, booleans, null, special characters, several lines) are
/// double-quoted; null is written as ~.
std::string to_yaml(const nlohmann::ordered_json& value);

}  // namespace fastcms::project
