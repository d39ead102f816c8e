#include "core/records/record_read.h"

#include <limits>

#include "common/strings.h"
#include "core/filter/compiler.h"
#include "core/filter/sort.h"
#include "core/records/count_cache.h"
#include "core/records/expand.h"
#include "core/records/list_timing_guard.h"
#include "core/records/record_presenter.h"
#include "core/records/record_select.h"
#include "core/records/rule_check.h"

namespace fastcms::core::records {

namespace {

/// A WHERE clause assembled from compiled conditions, with their parameters numbered in
/// the order they were added.
struct WhereClause {
  std::vector<std::string> conditions;
  db::Params params;

  size_t next_param() const { return params.size() + 1; }
  void add(filter::CompiledFilter compiled) {
    if (compiled.where_sql != "1=1") conditions.push_back(std::move(compiled.where_sql));
    params.insert(params.end(), compiled.params.begin(), compiled.params.end());
  }
  std::string sql() const {
    if (conditions.empty()) return "";
    std::string out = " WHERE ";
    for (size_t i = 0; i < conditions.size(); ++i) out += (i ? " AND (" : "(") + conditions[i] + ")";
    return out;
  }
};

/// PocketBase's apis.checkForSuperuserOnlyRuleFields: a loose text check of filter and sort.
std::optional<ApiError> superuser_only_fields_error(const ListOptions& options) {
  for (const std::string* text : {&options.filter, &options.sort})
    for (const char* field : {"@collection.", "@request."})
      if (text->find(field) != std::string::npos)
        return ApiError::forbidden(std::string("Only superusers can filter by ") + field);
  return std::nullopt;
}

ApiError invalid_query_param(const std::string& param, const std::string& message) {
  return ApiError::bad_request(
      "", {{param, {{"code", "validation_invalid_" + param}, {"message", message}}}});
}

long long normalized_page(long long page) { return page <= 0 ? 1 : page; }

long long normalized_per_page(long long per_page) {
  if (per_page <= 0) return default_per_page;
  return per_page > max_per_page ? max_per_page : per_page;
}

long long page_offset(long long page, long long per_page) {
  if (page - 1 > std::numeric_limits<long long>::max() / per_page) return std::numeric_limits<long long>::max();
  return (page - 1) * per_page;
}

/// Runs a SELECT of full records and presents them for ctx.
ApiResult<std::vector<nlohmann::json>> select_presented(db::Connection& db, const collections::Schema& schema,
                                                        const collections::Collection& collection,
                                                        const RequestContext& ctx, const std::string& sql,
                                                        const db::Params& params) {
  auto rows = db.query(sql, params);
  if (!rows.ok()) return ApiError::internal();
  auto presented = present_records(db, schema, collection, ctx, records_from_rows(collection, *rows));
  if (!presented.ok()) return ApiError::internal();
  return std::move(*presented);
}

}  // namespace

ApiResult<ListPage> list_records(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, const RequestContext& ctx,
                                 const ListOptions& options) {
  const bool privileged = ctx.bypasses_rules();
  if (!privileged && !collection.list_rule) return ApiError::forbidden(superusers_only_message);
  if (!privileged)
    if (auto forbidden = superuser_only_fields_error(options)) return *forbidden;

  WhereClause where;
  auto rule = rule_condition(collection.list_rule, collection, schema, ctx, where.next_param());
  if (!rule.ok()) return rule.error();
  where.add(std::move(*rule));

  const bool filtered = !strings::trim(options.filter).empty();
  if (filtered) {
    filter::CompileOptions filter_options;
    filter_options.allow_hidden_fields = privileged;
    filter_options.first_param_number = where.next_param();
    auto compiled = filter::compile_filter(options.filter, collection, schema, ctx.info, filter_options);
    if (!compiled.ok()) return invalid_query_param("filter", compiled.error().message);
    where.add(std::move(*compiled));
  }

  const auto& d = db.dialect();
  db::Params select_params = where.params;
  std::string order_by;
  if (!strings::trim(options.sort).empty()) {
    filter::CompileOptions sort_options;
    sort_options.allow_hidden_fields = privileged;
    sort_options.first_param_number = select_params.size() + 1;
    auto sort = filter::compile_sort(options.sort, collection, schema, ctx.info, sort_options);
    if (!sort.ok()) return invalid_query_param("sort", sort.error().message);
    order_by = std::move(sort->order_by_sql);
    select_params.insert(select_params.end(), sort->params.begin(), sort->params.end());
  } else {
    order_by = insertion_order_sql(collection);
  }

  ListPage page;
  page.page = normalized_page(options.page);
  page.per_page = normalized_per_page(options.per_page);

  const std::string from_where = " FROM " + record_source_sql(collection, d) + where.sql();
  std::string sql = "SELECT " + record_columns_sql(collection, d) + from_where;
  if (!order_by.empty()) sql += " ORDER BY " + order_by;
  sql += " LIMIT " + d.placeholder(select_params.size() + 1) + " OFFSET " + d.placeholder(select_params.size() + 2);
  select_params.emplace_back(page.per_page);
  select_params.emplace_back(page_offset(page.page, page.per_page));

  auto items = select_presented(db, schema, collection, ctx, sql, select_params);
  if (!items.ok()) return items.error();

  if (!options.skip_total) {
    auto count = cached_count(db, "SELECT COUNT(*)" + from_where, where.params);
    if (!count.ok()) return ApiError::internal();
    page.total_items = *count;
    page.total_pages = (page.total_items + page.per_page - 1) / page.per_page;
  }

  page.items = nlohmann::json::array();
  for (auto& item : *items) page.items.push_back(std::move(item));
  if (auto expanded = expand_records(db, schema, collection, ctx, page.items, options.expand); !expanded.ok())
    return expanded.error();

  if (!privileged && filtered && !strings::trim(collection.list_rule.value_or("")).empty() && page.items.empty() &&
      list_timing_guard().record_empty_page(collection.id + "\n" + ctx.auth_id()))
    randomized_throttle();
  return page;
}

ApiResult<nlohmann::json> view_record(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, const RequestContext& ctx,
                                      std::string_view id, std::string_view expand) {
  if (!ctx.bypasses_rules() && !collection.view_rule) return ApiError::forbidden(superusers_only_message);
  if (id.empty()) return ApiError::not_found();
  auto rule = rule_condition(collection.view_rule, collection, schema, ctx, 2);
  // PocketBase answers 404 when the viewRule cannot be applied.
  if (!rule.ok()) return ApiError::not_found();

  const auto& d = db.dialect();
  WhereClause where;
  where.conditions.push_back(root_column_sql("id", d) + " = " + d.placeholder(1));
  where.params.emplace_back(std::string(id));
  where.add(std::move(*rule));
  const std::string sql =
      "SELECT " + record_columns_sql(collection, d) + " FROM " + record_source_sql(collection, d) + where.sql() + " LIMIT 1";
  auto found = select_presented(db, schema, collection, ctx, sql, where.params);
  if (!found.ok()) return found.error();
  if (found->empty()) return ApiError::not_found();
  nlohmann::json record = std::move(found->front());
  if (auto expanded = expand_records(db, schema, collection, ctx, record, expand); !expanded.ok())
    return expanded.error();
  return record;
}

}  // namespace fastcms::core::records
