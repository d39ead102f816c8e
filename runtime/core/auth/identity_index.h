#pragma once
#include <optional>
#include <string_view>

#include "core/collections/collection.h"

namespace fastcms::core::auth {

/// How a password login looks up an identity field: only through a single-column UNIQUE
/// index, as PocketBase does, so that one identity names at most one record.
struct IdentityLookup {
  /// The index declares COLLATE NOCASE: compare case-insensitively.
  bool ignore_case = false;
};

/// The lookup for `field` of an auth collection: from a declared single-column
/// `CREATE UNIQUE INDEX ... (field [COLLATE x] [ASC|DESC])` among the definition's `indexes`;
/// for `email` and `id`, which always have one, a case-sensitive lookup when none is
/// declared. nullopt when the field has no such index.
std::optional<IdentityLookup> identity_lookup(const collections::Collection& collection, std::string_view field);

}  // namespace fastcms::core::auth
