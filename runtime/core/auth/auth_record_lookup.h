#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "common/error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// The record of `collection` whose `field` equals `value` (compared case-insensitively
/// when `ignore_case`), as full JSON (records::record_from_row: password and tokenKey
/// included), or nullopt. `field` must be a field of the collection. Meant for unique
/// fields (id, email, identity fields): the first match is returned.
Result<std::optional<nlohmann::json>> find_record_by_field(db::Connection& db,
                                                           const collections::Collection& collection,
                                                           std::string_view field, std::string_view value,
                                                           bool ignore_case = false);

/// The record whose `email` is `email`, compared as its unique index says (case-insensitively
/// when the index is COLLATE NOCASE, see identity_lookup), or nullopt.
Result<std::optional<nlohmann::json>> find_record_by_email(db::Connection& db,
                                                           const collections::Collection& collection,
                                                           std::string_view email);

/// find_record_by_field(db, collection, "id", id).
Result<std::optional<nlohmann::json>> find_record_by_id(db::Connection& db, const collections::Collection& collection,
                                                        std::string_view id);

}  // namespace fastcms::core::auth
