#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace fastcms::core::auth {

inline constexpr std::string_view mfas_collection_name = "_mfas";
/// PocketBase's default id for it: "pbc_" + CRC32("base_mfas").
inline constexpr std::string_view mfas_collection_id = "pbc_2279338944";

/// `_mfas` as PocketBase creates it: one row per pending multi-factor sign-in (text fields
/// collectionRef, recordRef, method; autodates created and updated; an index on
/// collectionRef+recordRef). Owners may list and view their own rows; creating, updating
/// and deleting them through the records API is for superusers only.
const nlohmann::json& mfas_definition();

}  // namespace fastcms::core::auth
