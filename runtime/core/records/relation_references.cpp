#include "core/records/relation_references.h"

#include <algorithm>

namespace fastcms::core::records {

std::vector<RelationReference> relation_references(const collections::Schema& schema,
                                                   const collections::Collection& target) {
  std::vector<RelationReference> out;
  for (const auto& c : schema.collections()) {
    if (c->type == "view") continue;
    for (const auto& f : c->fields) {
      if (f.type != "relation") continue;
      const collections::Collection* points_at = schema.find(f.relation_target());
      if (points_at && points_at->id == target.id) out.push_back({c.get(), &f});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const RelationReference& a, const RelationReference& b) {
    return a.collection->name < b.collection->name;
  });
  return out;
}

}  // namespace fastcms::core::records
