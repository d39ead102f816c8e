#pragma once
#include <vector>

#include "core/collections/collection.h"

namespace fastcms::core::records {

/// A relation field that points at some collection.
struct RelationReference {
  const collections::Collection* collection = nullptr;  ///< the collection holding the field
  const collections::Field* field = nullptr;
};

/// Every relation field of a base or auth collection in `schema` (the target itself
/// included) whose target is `target`, ordered by collection name then field order.
/// View collections are left out: their rows cannot be changed.
std::vector<RelationReference> relation_references(const collections::Schema& schema,
                                                   const collections::Collection& target);

}  // namespace fastcms::core::records
