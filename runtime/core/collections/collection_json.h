#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"

namespace fastcms::core::collections {

/// A collection in PocketBase's JSON shape (what GET /api/collections/{c} returns): id,
/// name, type, system, fields (every field, implicit ones included, with id, name, type,
/// system, hidden, presentable and every option of its type flat; relation fields with
/// collectionId), indexes (auth collections list their implicit email/tokenKey unique
/// indexes too), the five rules, created, updated; auth collections add authRule,
/// manageRule, authAlert, oauth2, passwordAuth, mfa, otp, the five token configs as
/// {duration} (secrets and OAuth2 client secrets are never included) and the three email
/// templates, with PocketBase's defaults where the definition is silent; view collections
/// add viewQuery. fastcms additions (search, field readRule/writeRule) are included when
/// set. `schema`, when given, resolves relation targets written as names.
nlohmann::json collection_to_json(const Collection& collection, const Schema* schema = nullptr);

}  // namespace fastcms::core::collections
