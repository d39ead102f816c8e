#include "core/records/record_presenter.h"

#include "common/strings.h"
#include "core/filter/compiler.h"
#include "core/records/record_json.h"
#include "core/records/record_select.h"

namespace fastcms::core::records {

namespace {

bool may_manage_some(const collections::Collection& collection, const RequestContext& ctx) {
  return collection.is_auth() && !ctx.bypasses_rules() && !ctx.is_guest() && collection.manage_rule &&
         !strings::trim(*collection.manage_rule).empty();
}

}  // namespace

Result<std::set<std::string>> managed_record_ids(db::Connection& db, const collections::Schema& schema,
                                                 const collections::Collection& collection,
                                                 const RequestContext& ctx, const std::vector<std::string>& ids) {
  std::set<std::string> out;
  if (ids.empty() || !may_manage_some(collection, ctx)) return out;
  filter::CompileOptions options;
  options.first_param_number = 2;
  auto rule = filter::compile_filter(*collection.manage_rule, collection, schema, ctx.info, options);
  // Like PocketBase: a manageRule that does not compile grants nothing.
  if (!rule.ok()) return out;
  const auto& d = db.dialect();
  const std::string id = root_column_sql("id", d);
  std::string sql = "SELECT " + id + " FROM " + record_source_sql(collection, d) + " WHERE " +
                    in_json_array_sql(id, 1, d) + " AND (" + rule->where_sql + ")";
  db::Params params{json_array_param(ids)};
  params.insert(params.end(), rule->params.begin(), rule->params.end());
  auto rows = db.query(sql, params);
  if (!rows.ok()) return rows.error();
  for (const auto& row : *rows) out.insert(row[0].to_text());
  return out;
}

Result<std::vector<nlohmann::json>> present_records(db::Connection& db, const collections::Schema& schema,
                                                    const collections::Collection& collection,
                                                    const RequestContext& ctx, std::vector<nlohmann::json> full) {
  std::set<std::string> managed;
  if (may_manage_some(collection, ctx)) {
    std::vector<std::string> ids;
    ids.reserve(full.size());
    for (const auto& record : full) ids.push_back(record.value("id", std::string()));
    auto found = managed_record_ids(db, schema, collection, ctx, ids);
    if (!found.ok()) return found.error();
    managed = std::move(*found);
  }
  for (auto& record : full) {
    bool can_manage = !managed.empty() && managed.count(record.value("id", std::string())) > 0;
    record = present_record(collection, std::move(record), ctx, can_manage);
  }
  return full;
}

}  // namespace fastcms::core::records
