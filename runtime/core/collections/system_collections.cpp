#include "core/auth/mfas_collection.h"
#include "core/auth/totp_collection.h"
#include "core/auth/external_auths_collection.h"
#include "core/collections/system_tables.h"

namespace fastcms::core::collections {

std::vector<nlohmann::json> system_collection_definitions() {
  return {
      superusers_definition(),
      auth::mfas_definition(),
      auth::totp_definition(),
      auth::external_auths_definition(),
  };
}

}  // namespace fastcms::core::collections
