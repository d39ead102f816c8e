#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "db/connection.h"

namespace fastcms::core::auth {

/// The system collection linking auth records to OAuth2 accounts.
inline constexpr std::string_view external_auths_collection = "_externalAuths";

/// The definition of `_externalAuths` as PocketBase creates it: a system base collection
/// with the required text fields collectionRef, recordRef, provider and providerId plus the
/// created/updated autodates; unique (collectionRef, recordRef, provider) and (collectionRef,
/// provider, providerId); list, view and delete only by the record owner
/// (`@request.auth.id != '' && recordRef = @request.auth.id && collectionRef =
/// @request.auth.collectionId`), create and update by superusers only.
const nlohmann::json& external_auths_definition();

/// One `_externalAuths` row: the record `record_ref` of collection `collection_ref` signs in
/// with the account `provider_id` of `provider`.
struct ExternalAuth {
  std::string id, collection_ref, record_ref, provider, provider_id;
};

/// The link of (collection, provider, provider account), or nullopt.
Result<std::optional<ExternalAuth>> find_external_auth(db::Connection& db, std::string_view collection_id,
                                                       std::string_view provider, std::string_view provider_id);

/// Every link of one record, oldest first.
Result<std::vector<ExternalAuth>> external_auths_of(db::Connection& db, std::string_view collection_id,
                                                    std::string_view record_id);

/// Stores a new link (id generated, created/updated now) and returns it; fails on a
/// duplicate (the unique indexes).
Result<ExternalAuth> create_external_auth(db::Connection& db, ExternalAuth link);

/// Removes every link of one record (when the record is deleted); returns how many.
Result<long long> delete_external_auths_of(db::Connection& db, std::string_view collection_id,
                                           std::string_view record_id);

}  // namespace fastcms::core::auth
