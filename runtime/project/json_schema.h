#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fastcms::project {

/// One violation: where in the document (e.g. "fields[2].type", "" for the root) and what
/// was expected there (e.g. "must be one of text, number, bool").
struct SchemaViolation {
  std::string path;
  std::string expected;
};

/// Validates JSON documents against a JSON Schema (draft 2020-12 subset).
///
/// Written by hand because Debian 12 packages no C++ JSON Schema validator. Supported
/// keywords: type, enum, const, properties, required, additionalProperties,
/// patternProperties, items, minItems, maxItems, uniqueItems, minLength, maxLength,
/// pattern, minimum, maximum, allOf, anyOf, oneOf, not, if/then/else, $ref to "#/$defs/..."
/// and "description" (ignored). Unknown keywords are ignored, as the spec requires.
class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::json schema);

  /// All violations in document order; empty when `doc` is valid.
  std::vector<SchemaViolation> validate(const nlohmann::json& doc) const;

 private:
  void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path,
             std::vector<SchemaViolation>& out) const;
  const nlohmann::json& resolve(const nlohmann::json& schema) const;

  nlohmann::json root_;
};

}  // namespace fastcms::project
