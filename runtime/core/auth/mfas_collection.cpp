#include "core/auth/mfas_collection.h"

namespace fastcms::core::auth {
using nlohmann::json;

const json& mfas_definition() {
  static const json definition = [] {
    const std::string owner_rule =
        "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";
    auto text = [](const char* name) {
      return json{{"name", name}, {"type", "text"}, {"system", true}, {"required", true}};
    };
    return json{
        {"id", mfas_collection_id},
        {"name", mfas_collection_name},
        {"type", "base"},
        {"system", true},
        {"fields",
         {text("collectionRef"), text("recordRef"), text("method"),
          {{"name", "created"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", false}},
          {{"name", "updated"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", true}}}},
        {"indexes", {"CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (collectionRef,recordRef)"}},
        {"listRule", owner_rule},
        {"viewRule", owner_rule},
        {"createRule", nullptr},
        {"updateRule", nullptr},
        {"deleteRule", nullptr},
    };
  }();
  return definition;
}

}  // namespace fastcms::core::auth
