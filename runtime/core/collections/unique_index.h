#pragma once
#include <string_view>

#include "core/collections/collection.h"

namespace fastcms::core::collections {

/// Whether one of the collection's declared `indexes` is a UNIQUE index on exactly the
/// column `column` (partial indexes count), like PocketBase's FindSingleColumnUniqueIndex.
/// A back-relation through such a field holds at most one record per target.
bool has_single_column_unique_index(const Collection& collection, std::string_view column);

}  // namespace fastcms::core::collections
