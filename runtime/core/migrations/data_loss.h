#pragma once
#include <string>
#include <vector>

#include "core/collections/collection.h"

namespace fastcms::core::migrations {

/// The changes between two versions of one collection that would lose stored values,
/// matching fields as the table planner does (same id, else same name), one line each:
/// - a kept field whose storage changes lossily (e.g. text → number, or a multi-valued
///   select/relation/file becoming single-valued; single → multi only wraps the value);
/// - a field removed while one of the same type is added: a rename by name, which drops
///   the old column (giving the field its old id renames the column instead).
/// A field only removed is not listed: removing it is the explicit intent.
std::vector<std::string> data_losing_changes(const collections::Collection& before,
                                             const collections::Collection& after);

}  // namespace fastcms::core::migrations
