#include "core/codegen/project_schema.h"

#include "core/collections/collection_file.h"

namespace fastcms::core::codegen {

Result<collections::Schema> project_schema(const std::filesystem::path& root) {
  auto files = collections::load_collection_files(root);
  if (!files) return files.error();
  nlohmann::json definitions = nlohmann::json::array();
  for (const auto& f : *files) definitions.push_back(f.definition);
  return collections::schema_from_json(definitions);
}

}  // namespace fastcms::core::codegen
