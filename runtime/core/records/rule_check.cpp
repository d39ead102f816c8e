#include "core/records/rule_check.h"

namespace fastcms::core::records {

ApiResult<filter::CompiledFilter> rule_condition(const std::optional<std::string>& rule,
                                                 const collections::Collection& collection,
                                                 const collections::Schema& schema, const RequestContext& ctx,
                                                 size_t first_param_number) {
  if (ctx.bypasses_rules()) return filter::CompiledFilter{"1=1", {}};
  if (!rule) return ApiError::forbidden(superusers_only_message);
  if (rule->find_first_not_of(" \t\r\n") == std::string::npos) return filter::CompiledFilter{"1=1", {}};
  filter::CompileOptions options;
  options.first_param_number = first_param_number;
  auto compiled = filter::compile_filter(*rule, collection, schema, ctx.info, options);
  // Rules are checked when a collection is saved; one that no longer compiles (e.g. after a
  // field was removed by hand) denies rather than allows.
  if (!compiled.ok())
    return ApiError::bad_request("The rule of collection " + collection.name + " is invalid: " +
                                 compiled.error().message);
  return std::move(compiled.value());
}

Result<bool> record_satisfies(db::Connection& db, const collections::Collection& collection, std::string_view id,
                              const filter::CompiledFilter& condition) {
  const auto& dialect = db.dialect();
  std::string sql = "SELECT 1 FROM " + dialect.quote_identifier(collection.name) + " AS " +
                    std::string(filter::root_alias) + " WHERE " + std::string(filter::root_alias) + "." +
                    dialect.quote_identifier("id") + " = " + dialect.placeholder(1) + " AND (" +
                    condition.where_sql + ") LIMIT 1";
  db::Params params;
  params.reserve(condition.params.size() + 1);
  params.emplace_back(std::string(id));
  params.insert(params.end(), condition.params.begin(), condition.params.end());
  auto row = db.query_one(sql, params);
  if (!row.ok()) return row.error();
  return row->has_value();
}

}  // namespace fastcms::core::records
