#pragma once
#include <nlohmann/json.hpp>

namespace fastcms::core::collections {

/// The collection JSON the Collections API validates and saves, from a request body:
/// `body` merged onto `base` (the stored definition, on update; nullptr on create) the way
/// PocketBase binds a body onto a collection (objects merge, `fields` and other arrays
/// replace), then read the way PocketBase reads it: unknown keys, created/updated and the
/// options of other collection types are ignored, null and zero-valued field options mean
/// "not set", index statements are pointed at the collection's (new) table and the
/// implicit auth indexes, which follow from the type, are left out. An OAuth2 provider sent
/// without its clientSecret (the API never shows it) keeps the stored one.
nlohmann::json api_draft(const nlohmann::json& body, const nlohmann::json* base);

}  // namespace fastcms::core::collections
