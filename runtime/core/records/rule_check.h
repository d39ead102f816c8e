#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/filter/compiler.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// PocketBase's 403 message for a null rule.
inline constexpr const char* superusers_only_message = "Only superusers can perform this action.";

/// A collection rule as a WHERE condition over the collection's table (aliased
/// filter::root_alias) for `ctx`:
/// - ctx bypasses rules (superuser, system): "1=1";
/// - null rule: 403 "Only superusers can perform this action.";
/// - "": "1=1" (everyone);
/// - otherwise the rule compiled with @request.* taken from ctx.info (hidden fields allowed).
/// Placeholders are numbered from `first_param_number`.
ApiResult<filter::CompiledFilter> rule_condition(const std::optional<std::string>& rule,
                                                 const collections::Collection& collection,
                                                 const collections::Schema& schema, const RequestContext& ctx,
                                                 size_t first_param_number = 1);

/// Whether the record `id` of `collection` exists and satisfies `condition` (compiled with
/// placeholders from 2: ?1 is the id).
Result<bool> record_satisfies(db::Connection& db, const collections::Collection& collection, std::string_view id,
                              const filter::CompiledFilter& condition);

}  // namespace fastcms::core::records
