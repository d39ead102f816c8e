#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"

namespace fastcms::project {

/// Parses JSON or YAML text (chosen by the file extension: .json, .yaml, .yml) into JSON.
/// YAML plain scalars become null/bool/number where they look like one; quoted scalars
/// stay strings. Errors read "<file>: line L, column C: <what>".
Result<nlohmann::json> parse_structured(const std::string& text, const std::filesystem::path& name);

/// Reads and parses a JSON or YAML file.
Result<nlohmann::json> load_structured_file(const std::filesystem::path& path);

/// True if the extension is one parse_structured understands.
bool is_structured_file(const std::filesystem::path& path);

}  // namespace fastcms::project
