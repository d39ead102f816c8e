#include "support/json_match.h"

namespace fastcms::test {

bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected, std::string& where,
                   const std::string& path) {
  if (expected.is_string() && expected.get<std::string>() == "*") return true;
  if (expected.is_object()) {
    if (!actual.is_object()) return where = path + " (expected an object)", false;
    for (const auto& [key, value] : expected.items()) {
      auto it = actual.find(key);
      if (it == actual.end()) return where = path + "/" + key + " (missing)", false;
      if (!json_contains(*it, value, where, path + "/" + key)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size())
      return where = path + " (expected an array of " + std::to_string(expected.size()) + ")", false;
    for (size_t i = 0; i < expected.size(); ++i)
      if (!json_contains(actual[i], expected[i], where, path + "/" + std::to_string(i))) return false;
    return true;
  }
  if (expected.is_number() && actual.is_number()) {
    if (expected.get<double>() == actual.get<double>()) return true;
  } else if (actual == expected) {
    return true;
  }
  where = path + " (expected " + expected.dump() + ", got " + actual.dump() + ")";
  return false;
}

}  // namespace fastcms::test
