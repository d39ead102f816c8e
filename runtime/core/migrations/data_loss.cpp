#include "core/migrations/data_loss.h"

#include <set>

#include "core/collections/table_ddl.h"

namespace fastcms::core::migrations {
using collections::Field;

namespace {

const Field* find_by(const std::vector<Field>& fields, std::string Field::*key, const std::string& value,
                     const std::set<const Field*>& taken) {
  for (const auto& f : fields)
    if (f.*key == value && !taken.count(&f)) return &f;
  return nullptr;
}

bool lossy_conversion(const Field& from, const Field& to) {
  if (collections::storage_type(from) == collections::storage_type(to)) return from.is_multi() && !to.is_multi();
  const bool only_wrapped = from.type == to.type && !from.is_multi() && to.is_multi();
  return !only_wrapped;
}

}  // namespace

std::vector<std::string> data_losing_changes(const collections::Collection& before,
                                             const collections::Collection& after) {
  std::vector<std::string> out;
  std::set<const Field*> kept_old;
  std::vector<const Field*> added;
  std::vector<std::pair<const Field*, const Field*>> kept;  // old, new
  for (const auto& f : after.fields) {
    const Field* old = find_by(before.fields, &Field::id, f.id, kept_old);
    if (!old) old = find_by(before.fields, &Field::name, f.name, kept_old);
    if (old) {
      kept_old.insert(old);
      kept.emplace_back(old, &f);
    } else {
      added.push_back(&f);
    }
  }
  for (const auto& [old, now] : kept)
    if (lossy_conversion(*old, *now))
      out.push_back(after.name + ": field \"" + now->name + "\" changes from " + old->type +
                    (old->is_multi() ? " (multiple)" : "") + " to " + now->type + (now->is_multi() ? " (multiple)" : "") +
                    ": stored values are converted and those that do not fit are lost");
  for (const auto& old : before.fields) {
    if (kept_old.count(&old)) continue;
    for (const auto* now : added)
      if (now->type == old.type) {
        out.push_back(after.name + ": field \"" + old.name + "\" is removed and \"" + now->name +
                      "\" added: if this is a rename, the values of \"" + old.name +
                      "\" are lost (keep the field's id, \"" + old.id + "\", in the file to rename it instead)");
        break;
      }
  }
  return out;
}

}  // namespace fastcms::core::migrations
