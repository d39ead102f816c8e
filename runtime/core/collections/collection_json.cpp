#include "core/collections/collection_json.h"

#include "core/collections/collection_definition.h"
#include "core/collections/table_ddl.h"
#include "db/sqlite/sqlite_dialect.h"

namespace fastcms::core::collections {
using nlohmann::json;

json collection_to_json(const Collection& c, const Schema* schema) {
  CollectionDirectory directory = schema ? CollectionDirectory::of(*schema) : CollectionDirectory{};
  directory.add(c.id, c.name);
  auto canonical = canonical_definition(c.definition, directory);
  json out = canonical ? std::move(*canonical) : json{{"id", c.id}, {"name", c.name}, {"type", c.type}};
  for (const char* token : {"authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken"})
    if (auto it = out.find(token); it != out.end() && it->is_object()) it->erase("secret");
  if (auto oauth2 = out.find("oauth2"); oauth2 != out.end() && oauth2->is_object())
    if (auto providers = oauth2->find("providers"); providers != oauth2->end() && providers->is_array())
      for (auto& p : *providers)
        if (p.is_object()) p.erase("clientSecret");
  if (c.is_auth() && out.contains("indexes"))
    for (const auto& sql : implicit_index_statements(c, db::sqlite_dialect())) out["indexes"].push_back(sql);
  auto stamp = [&](const char* key) {
    auto it = c.definition.find(key);
    return it != c.definition.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  out["created"] = stamp("created");
  out["updated"] = stamp("updated");
  return out;
}

}  // namespace fastcms::core::collections
