#include "core/auth/totp_collection.h"

namespace fastcms::core::auth {
using nlohmann::json;

const json& totp_definition() {
  static const json definition = [] {
    auto field = [](const char* name, const char* type, bool hidden) {
      return json{{"name", name}, {"type", type}, {"system", true}, {"hidden", hidden}};
    };
    json collection_ref = field("collectionRef", "text", false), record_ref = field("recordRef", "text", false),
         secret = field("secret", "text", true);
    for (json* f : {&collection_ref, &record_ref, &secret}) (*f)["required"] = true;
    json last_used = field("lastUsedStep", "number", false);
    last_used["onlyInt"] = true;
    return json{
        {"id", totp_collection_id},
        {"name", totp_collection_name},
        {"type", "base"},
        {"system", true},
        {"fields",
         {collection_ref, record_ref, secret, field("confirmed", "bool", false), field("backupCodes", "json", true),
          last_used,
          {{"name", "created"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", false}},
          {{"name", "updated"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", true}}}},
        {"indexes", {"CREATE UNIQUE INDEX `idx_totp_collectionRef_recordRef` ON `_totp` (collectionRef,recordRef)"}},
        {"listRule", nullptr},
        {"viewRule", nullptr},
        {"createRule", nullptr},
        {"updateRule", nullptr},
        {"deleteRule", nullptr},
    };
  }();
  return definition;
}

}  // namespace fastcms::core::auth
