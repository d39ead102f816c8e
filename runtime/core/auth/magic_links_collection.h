#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace fastcms::core::auth {

inline constexpr std::string_view magic_links_collection_name = "_magicLinks";

/// `_magicLinks` (a FastCMS system collection in the shape of `_otps`): collectionRef,
/// recordRef, tokenHash (hidden: the keyed SHA-256 of the link's token, never the token),
/// sentTo (hidden), created, updated. Every rule is null: only superusers may see them.
const nlohmann::json& magic_links_definition();

}  // namespace fastcms::core::auth
