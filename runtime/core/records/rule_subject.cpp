#include "core/records/rule_subject.h"

#include "core/filter/compiler.h"
#include "core/records/record_json.h"
#include "core/records/rule_check.h"

namespace fastcms::core::records {

namespace {

/// Name of the one-row table expression an unsaved record is checked in (never a table).
constexpr std::string_view unsaved_record_cte = "__fastcms_unsaved_record__";

Result<bool> unsaved_record_satisfies(db::Connection& db, const collections::Collection& collection,
                                      const nlohmann::json& values, const filter::CompiledFilter& condition) {
  const auto& dialect = db.dialect();
  std::string columns;
  db::Params params;
  for (const auto& f : collection.fields) {
    if (!params.empty()) columns += ", ";
    params.push_back(to_sql_value(f, values.contains(f.name) ? values[f.name] : nlohmann::json()));
    columns += dialect.placeholder(params.size()) + " AS " + dialect.quote_identifier(f.name);
  }
  const std::string cte = dialect.quote_identifier(unsaved_record_cte);
  std::string sql = "WITH " + cte + " AS (SELECT " + columns + ") SELECT 1 FROM " + cte + " AS " +
                    std::string(filter::root_alias) + " WHERE (" + condition.where_sql + ") LIMIT 1";
  params.insert(params.end(), condition.params.begin(), condition.params.end());
  auto row = db.query_one(sql, params);
  if (!row) return row.error();
  return row->has_value();
}

}  // namespace

ApiResult<bool> rule_holds(db::Connection& db, const collections::Schema& schema,
                           const collections::Collection& collection, const RequestContext& ctx,
                           const std::string& rule, const RuleSubject& subject) {
  const size_t first_param = subject.unsaved ? collection.fields.size() + 1 : 2;
  auto condition = rule_condition(rule, collection, schema, ctx, first_param);
  if (!condition.ok()) return condition.error();
  auto holds = subject.unsaved ? unsaved_record_satisfies(db, collection, *subject.unsaved, *condition)
                               : record_satisfies(db, collection, subject.stored_id, *condition);
  if (!holds) return ApiError::from(holds.error());
  return *holds;
}

bool has_manage_access(db::Connection& db, const collections::Schema& schema,
                                  const collections::Collection& collection, const RequestContext& ctx,
                                  const RuleSubject& subject) {
  if (ctx.bypasses_rules()) return true;
  if (!collection.is_auth() || ctx.is_guest() || !collection.manage_rule) return false;
  const std::string& rule = *collection.manage_rule;
  if (rule.find_first_not_of(" \t\r\n") == std::string::npos) return false;  // "" means superusers only here
  auto holds = rule_holds(db, schema, collection, ctx, rule, subject);
  if (!holds.ok()) return false;
  return *holds;
}

}  // namespace fastcms::core::records
