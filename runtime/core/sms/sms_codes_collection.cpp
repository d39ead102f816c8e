#include "core/sms/sms_codes_collection.h"

#include "core/auth/one_time_records.h"

namespace fastcms::core::sms {

const nlohmann::json& sms_codes_definition() {
  static const nlohmann::json definition = auth::one_time_collection_definition(
      std::string(sms_codes_collection_name), "idx_smsCodes_collectionRef_recordRef",
      {{{"name", "password"}, {"type", "password"}, {"system", true}, {"hidden", true}, {"required", true}, {"cost", 8}},
       {{"name", "attempts"}, {"type", "number"}, {"system", true}, {"onlyInt", true}, {"min", 0}}},
      std::nullopt);
  return definition;
}

}  // namespace fastcms::core::sms
