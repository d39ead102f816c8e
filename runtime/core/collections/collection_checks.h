#pragma once
#include <set>
#include <string>
#include <vector>

#include "core/collections/collection_file.h"

namespace fastcms::core::collections {

/// The checks a JSON Schema cannot express: a collection's name matches its file name and
/// is unique, and check_definition for each (a relation may point at any declared
/// collection, by name, declared id or default id). One message per problem, formatted
/// "<file>: <path>: <what is wrong and how to fix it>".
std::vector<std::string> check_collections(const std::vector<CollectionFile>& files);

/// One problem check_definition found: where in the definition (e.g. "fields[2].min",
/// "indexes[0]") and what is wrong.
struct CollectionProblem {
  std::string path;
  std::string message;
};

/// The checks of one definition (already valid against the collection JSON Schema):
/// field names are unique and system names keep their system type; each option is valid
/// for its field type; min <= max; a select's maxSelect fits its values; relations point
/// at one of `known_targets` (names or ids; system collections always count) with a
/// suggestion from `target_names`; search fields are text-like; indexes are on the
/// collection's own table (messages name `label`, e.g. the file, when given).
std::vector<CollectionProblem> check_definition(const nlohmann::json& definition,
                                                const std::set<std::string>& known_targets,
                                                const std::vector<std::string>& target_names,
                                                const std::string& label = "");

/// Field names every collection has implicitly, with their types.
const std::vector<std::pair<std::string, std::string>>& implicit_fields(const std::string& collection_type);

}  // namespace fastcms::core::collections
