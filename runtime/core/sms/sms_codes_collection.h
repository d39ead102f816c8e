#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace fastcms::core::sms {

inline constexpr std::string_view sms_codes_collection_name = "_smsCodes";

/// `_smsCodes` (a FastCMS system collection in the shape of `_otps`): collectionRef,
/// recordRef, password (hidden, the code as a bcrypt hash of cost 8), attempts (failed
/// checks so far), sentTo (hidden: the phone number), created, updated. Every rule is null:
/// only superusers may see them.
const nlohmann::json& sms_codes_definition();

}  // namespace fastcms::core::sms
