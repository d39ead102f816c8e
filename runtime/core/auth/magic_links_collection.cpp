#include "core/auth/magic_links_collection.h"

#include "core/auth/one_time_records.h"

namespace fastcms::core::auth {

const nlohmann::json& magic_links_definition() {
  static const nlohmann::json definition = one_time_collection_definition(
      std::string(magic_links_collection_name), "idx_magicLinks_collectionRef_recordRef",
      {{{"name", "tokenHash"}, {"type", "text"}, {"system", true}, {"hidden", true}, {"required", true}}},
      std::nullopt);
  return definition;
}

}  // namespace fastcms::core::auth
