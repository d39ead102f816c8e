#include "core/auth/otps_collection.h"

#include "core/auth/one_time_records.h"

namespace fastcms::core::auth {

const nlohmann::json& otps_definition() {
  static const nlohmann::json definition = one_time_collection_definition(
      std::string(otps_collection_name), "idx_otps_collectionRef_recordRef",
      {{{"name", "password"}, {"type", "password"}, {"system", true}, {"hidden", true}, {"required", true}, {"cost", 8}}},
      "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId");
  return definition;
}

}  // namespace fastcms::core::auth
