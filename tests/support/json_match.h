#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fastcms::test {

/// Whether `actual` contains `expected`: objects match when every expected key is present
/// with a matching value (extra keys allowed); arrays when they have the same length and
/// match element by element; the string "*" matches any present value; other values must
/// be equal. On a mismatch `where` names the first differing JSON pointer.
bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected, std::string& where,
                   const std::string& path = "");

}  // namespace fastcms::test
