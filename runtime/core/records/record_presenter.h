#pragma once
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// The ids among `ids` of records of the auth collection `collection` that `ctx` manages
/// (passes its manageRule), in one query. Empty for non-auth collections, a null or empty
/// manageRule (PocketBase: superusers only), guests, or a manageRule that no longer
/// compiles. Superusers and system callers are not asked about: they see everything anyway.
Result<std::set<std::string>> managed_record_ids(db::Connection& db, const collections::Schema& schema,
                                                 const collections::Collection& collection,
                                                 const RequestContext& ctx, const std::vector<std::string>& ids);

/// Full records (record_from_row) of one collection as `ctx` may see them: present_record
/// on each, with can_manage from managed_record_ids (one query for the whole batch, only
/// on auth collections).
Result<std::vector<nlohmann::json>> present_records(db::Connection& db, const collections::Schema& schema,
                                                    const collections::Collection& collection,
                                                    const RequestContext& ctx, std::vector<nlohmann::json> full);

}  // namespace fastcms::core::records
