#pragma once
#include <string>
#include <vector>

#include "core/collections/collection_file.h"

namespace fastcms::core::collections {

/// The checks a JSON Schema cannot express: a collection's name matches its file name and
/// is unique; field names are unique and system names keep their system type; each option
/// is valid for its field type; min ≤ max; relations point at a declared collection;
/// search fields are text-like; indexes are on their own table. One message per problem,
/// formatted "<file>: <path>: <what is wrong and how to fix it>".
std::vector<std::string> check_collections(const std::vector<CollectionFile>& files);

/// Field names every collection has implicitly, with their types.
const std::vector<std::pair<std::string, std::string>>& implicit_fields(const std::string& collection_type);

}  // namespace fastcms::core::collections
