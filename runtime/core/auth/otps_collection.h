#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace fastcms::core::auth {

inline constexpr std::string_view otps_collection_name = "_otps";

/// `_otps` as PocketBase creates it: collectionRef, recordRef, password (hidden, bcrypt cost
/// 8), sentTo (hidden), created, updated; list and view rules let an auth record see its own
/// OTPs; create, update and delete are superusers only.
const nlohmann::json& otps_definition();

}  // namespace fastcms::core::auth
