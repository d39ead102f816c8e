#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/records/list_options.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// One page of `collection`'s records as `ctx` may see them (PocketBase's records list):
/// - listRule null → 403 "Only superusers can perform this action." unless ctx bypasses rules;
/// - for everyone else a filter or sort containing "@collection." or "@request." → 403
///   "Only superusers can filter by @collection." / "… by @request.";
/// - the listRule (rule_condition) and the client filter (hidden fields only for
///   superusers; 3500 characters, 200 expressions) form the WHERE of ONE statement; an
///   unsatisfied listRule just filters rows out;
/// - sort: up to 8 terms, `-`/`+`, `@random`, `@rowid`; no sort → insertion (rowid) order;
/// - a filter or sort that does not compile → 400 with PocketBase's generic message
///   "Something went wrong while processing your request." and the reason in
///   data.filter / data.sort ({"code": "validation_invalid_filter"|"validation_invalid_sort", "message"});
/// - page ≤0 → 1, perPage ≤0 → 30, >1000 → 1000; a page past the end is empty;
/// - skip_total → totalItems/totalPages -1 and no COUNT; else COUNT(*) with the same WHERE;
/// - items: present_record (manageRule grants email visibility), then `expand`;
/// - a non-superuser's filtered list with a non-empty listRule that comes back empty more
///   than 3 times in 3 s sleeps a random 0–500 ms (list_timing_guard()).
ApiResult<ListPage> list_records(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, const RequestContext& ctx,
                                 const ListOptions& options);

/// One record as `ctx` may see it (PocketBase's record view), with `expand` applied:
/// viewRule null → 403 "Only superusers can perform this action." unless ctx bypasses rules;
/// a missing record, an empty id, an unsatisfied (or broken) viewRule → 404 "The requested
/// resource wasn't found.".
ApiResult<nlohmann::json> view_record(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, const RequestContext& ctx,
                                      std::string_view id, std::string_view expand);

}  // namespace fastcms::core::records
