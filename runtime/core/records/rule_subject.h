#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// The record a rule is checked against: a stored one (`stored_id`), or one about to be
/// created (`unsaved`: its full values, not in the database yet).
struct RuleSubject {
  std::string stored_id;
  const nlohmann::json* unsaved = nullptr;

  static RuleSubject stored(std::string_view id) { return {std::string(id), nullptr}; }
  static RuleSubject new_record(const nlohmann::json& values) { return {"", &values}; }
};

/// Whether `rule` (a filter; "" means everyone) holds for the subject and `ctx`. An unsaved
/// record is checked as PocketBase does: the rule runs over a one-row table expression
/// holding the record's column values, aliased like the collection's table, so relations,
/// back-relations and @collection lookups resolve against the real tables. A stored record
/// that does not exist does not pass. A rule that does not compile is a 400.
ApiResult<bool> rule_holds(db::Connection& db, const collections::Schema& schema,
                           const collections::Collection& collection, const RequestContext& ctx,
                           const std::string& rule, const RuleSubject& subject);

/// PocketBase's "manage access" to an auth record: superusers and system callers always;
/// otherwise an authenticated requester when the collection is an auth collection with a
/// non-empty manageRule that holds for the subject. A rule that cannot be evaluated denies.
bool has_manage_access(db::Connection& db, const collections::Schema& schema,
                                  const collections::Collection& collection, const RequestContext& ctx,
                                  const RuleSubject& subject);

}  // namespace fastcms::core::records
