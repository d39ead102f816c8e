#include "project/schemas.h"

#include <stdexcept>

#include "common/embedded_files.h"

namespace fastcms::project {

namespace {
nlohmann::json embedded_json(std::string_view path) {
  for (const auto& f : embedded::all_files())
    if (f.path == path) return nlohmann::json::parse(f.data);
  throw std::logic_error("missing embedded schema " + std::string(path));
}
}  // namespace

const JsonSchema& config_schema() {
  static const JsonSchema schema(embedded_json("schemas/config.schema.json"));
  return schema;
}

const JsonSchema& collection_schema() {
  static const JsonSchema schema(embedded_json("schemas/collection.schema.json"));
  return schema;
}

std::string format_violations(const std::string& file, const std::vector<SchemaViolation>& violations) {
  std::string out;
  for (const auto& v : violations) {
    if (!out.empty()) out += "\n";
    out += file + ": " + (v.path.empty() ? "" : v.path + ": ") + v.expected;
  }
  return out;
}

}  // namespace fastcms::project
