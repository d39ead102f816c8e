#pragma once
#include <filesystem>

#include "common/error.h"
#include "core/collections/collection.h"

namespace fastcms::core::codegen {

/// The schema declared by the project at `root` (its app/collections files, validated),
/// what the generators describe.
Result<collections::Schema> project_schema(const std::filesystem::path& root);

}  // namespace fastcms::core::codegen
