#pragma once
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// The table holding every collection: id TEXT PK, name (unique case-insensitively), type,
/// system, definition (the collection's canonical JSON text), created, updated.
inline constexpr std::string_view collections_table = "_collections";
/// The settings store: key TEXT PK, value (JSON text), created, updated.
inline constexpr std::string_view params_table = "_params";
/// Applied migrations: version TEXT PK, name, checksum (SHA-256 hex), applied, duration_ms.
inline constexpr std::string_view migrations_table = "_migrations";
/// The system auth collection of superusers; its id is hard-coded in PocketBase's SDKs.
inline constexpr std::string_view superusers_collection_id = "pbc_3142635823";

/// The definition of `_superusers` as PocketBase creates it: a system auth collection
/// whose five record rules and manageRule are null (superusers only), authRule "" (every
/// superuser may sign in), email as the password identity and 1-day auth tokens.
const nlohmann::json& superusers_definition();

/// Every system collection fastcms creates in a database, in creation order (referenced
/// collections first): `_superusers`, then the auth system collections. Defined in
/// system_collections.cpp; each definition lives next to the feature that owns it.
std::vector<nlohmann::json> system_collection_definitions();

/// Creates whatever is missing of `_collections`, `_params`, `_migrations` and the system
/// collections (each one's table and `_collections` row), in one transaction.
/// Idempotent: when everything exists it runs no DDL at all.
Status ensure_system_tables(db::Connection& conn);

}  // namespace fastcms::core::collections
