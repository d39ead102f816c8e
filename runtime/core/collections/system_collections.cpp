#include "core/auth/mfas_collection.h"
#include "core/auth/totp_collection.h"
#include "core/auth/external_auths_collection.h"
#include "core/auth/magic_links_collection.h"
#include "core/auth/otps_collection.h"
#include "core/collections/system_tables.h"
#include "core/sms/sms_codes_collection.h"

namespace fastcms::core::collections {

std::vector<nlohmann::json> system_collection_definitions() {
  return {
      superusers_definition(),
      auth::mfas_definition(),
      auth::totp_definition(),
      auth::external_auths_definition(),
      auth::otps_definition(),
      auth::magic_links_definition(),
      sms::sms_codes_definition(),
  };
}

}  // namespace fastcms::core::collections
