#include "core/auth/auth_response.h"

#include "core/auth/auth_options.h"
#include "core/records/rule_check.h"

namespace fastcms::core::auth {

ApiStatus require_auth_collection(const collections::Collection& collection) {
  if (!collection.is_auth()) return ApiError::not_found("Missing or invalid auth collection context.");
  return Ok{};
}

ApiStatus check_auth_rule(db::Connection& db, const collections::Schema& schema,
                          const collections::Collection& collection, std::string_view record_id,
                          const RequestContext& ctx) {
  if (ctx.bypasses_rules()) return Ok{};
  auto rule = effective_auth_rule(collection);
  if (!rule) return ApiError::forbidden(auth_rule_refused_message);
  // Placeholders from 2: record_satisfies binds the record id as ?1.
  auto condition = records::rule_condition(rule, collection, schema, ctx, 2);
  if (!condition.ok()) return ApiError::forbidden(auth_rule_refused_message);
  auto satisfied = records::record_satisfies(db, collection, record_id, *condition);
  if (!satisfied.ok() || !*satisfied) return ApiError::forbidden(auth_rule_refused_message);
  return Ok{};
}

ApiResult<AuthResponse> auth_response(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, nlohmann::json record,
                                      std::string token, const RequestContext& ctx) {
  auto allowed = check_auth_rule(db, schema, collection, record.value("id", ""), ctx);
  if (!allowed.ok()) return allowed.error();
  return AuthResponse{std::move(token), std::move(record), &collection, nullptr};
}

}  // namespace fastcms::core::auth
