// List and view of the Collections API (collection_service.h).
#include <cmath>

#include "core/collections/collection_service.h"
#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "core/filter/compiler.h"
#include "core/filter/sort.h"

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

/// `_collections` described as a collection, so the filter compiler can resolve its
/// columns: id, name, type, system, created, updated.
const Schema& collections_table_schema() {
  static const Schema schema = [] {
    auto c = collection_from_json({{"name", std::string(collections_table)},
                                   {"fields",
                                    {{{"name", "name"}, {"type", "text"}},
                                     {{"name", "type"}, {"type", "text"}},
                                     {{"name", "system"}, {"type", "bool"}}}}});
    Schema s;
    (void)s.add(std::move(*c));
    return s;
  }();
  return schema;
}

long long integer_param(const std::map<std::string, std::string>& query, const char* key, long long fallback) {
  auto it = query.find(key);
  if (it == query.end()) return fallback;
  try {
    size_t used = 0;
    long long v = std::stoll(it->second, &used);
    return used == it->second.size() ? v : fallback;
  } catch (...) {
    return fallback;
  }
}

bool bool_param(const std::map<std::string, std::string>& query, const char* key) {
  auto it = query.find(key);
  if (it == query.end()) return false;
  const std::string& v = it->second;
  return v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True";
}

std::string param(const std::map<std::string, std::string>& query, const char* key) {
  auto it = query.find(key);
  return it == query.end() ? "" : it->second;
}

Result<json> collection_json_of(const json& definition) {
  auto c = collection_from_json(definition);
  if (!c) return c.error();
  return collection_to_json(*c);
}

}  // namespace

ApiResult<json> list_collections(db::Connection& conn, const std::map<std::string, std::string>& query) {
  long long page = integer_param(query, "page", 1);
  long long per_page = integer_param(query, "perPage", 30);
  if (page <= 0) page = 1;
  if (per_page <= 0) per_page = 30;
  if (per_page > 1000) per_page = 1000;
  const bool skip_total = bool_param(query, "skipTotal");

  const Schema& schema = collections_table_schema();
  const Collection& root = *schema.collections().front();
  const filter::RequestInfo request;
  auto where = filter::compile_filter(param(query, "filter"), root, schema, request);
  if (!where) return ApiError::bad_request();
  filter::CompileOptions sort_options;
  sort_options.first_param_number = where->params.size() + 1;
  const std::string sort_text = param(query, "sort");
  auto order = filter::compile_sort(sort_text.empty() ? "@rowid" : sort_text, root, schema, request, sort_options);
  if (!order) return ApiError::bad_request();

  const auto& d = conn.dialect();
  const std::string from = " FROM " + d.quote_identifier(collections_table) + " AS " + std::string(filter::root_alias) +
                           " WHERE " + where->where_sql;
  db::Params params = where->params;
  for (const auto& p : order->params) params.push_back(p);
  const size_t limit_at = params.size() + 1;
  params.push_back(static_cast<std::int64_t>(per_page));
  params.push_back(static_cast<std::int64_t>((page - 1) * per_page));
  const std::string r = std::string(filter::root_alias) + ".";
  auto rows = conn.query("SELECT " + r + d.quote_identifier("definition") + ", " + r + d.quote_identifier("created") +
                             ", " + r + d.quote_identifier("updated") + from + " ORDER BY " + order->order_by_sql +
                             " LIMIT " + d.placeholder(limit_at) + " OFFSET " + d.placeholder(limit_at + 1),
                         params);
  if (!rows) return ApiError::from(rows.error());

  json items = json::array();
  for (const auto& row : *rows) {
    json definition = json::parse(row["definition"].to_text(), nullptr, false);
    if (!definition.is_object()) return ApiError::internal();
    definition["created"] = row["created"].to_text();
    definition["updated"] = row["updated"].to_text();
    auto item = collection_json_of(definition);
    if (!item) return ApiError::from(item.error());
    items.push_back(std::move(*item));
  }

  long long total = -1, pages = -1;
  if (!skip_total) {
    auto count = conn.query_value("SELECT COUNT(*)" + from, where->params);
    if (!count) return ApiError::from(count.error());
    total = count->to_int64();
    pages = static_cast<long long>(std::ceil(static_cast<double>(total) / static_cast<double>(per_page)));
  }
  return json{{"page", page}, {"perPage", per_page}, {"totalItems", total}, {"totalPages", pages}, {"items", items}};
}

ApiResult<json> view_collection(db::Connection& conn, std::string_view id_or_name) {
  auto found = find_stored_collection(conn, id_or_name);
  if (!found) return ApiError::from(found.error());
  if (!found->has_value()) return ApiError::not_found();
  auto item = collection_json_of((*found)->definition);
  if (!item) return ApiError::from(item.error());
  return *item;
}

}  // namespace fastcms::core::collections
