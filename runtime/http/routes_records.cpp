#include "http/routes_records.h"

#include "core/records/expand.h"
#include "core/records/record_json.h"
#include "core/records/list_options.h"
#include "core/records/record_delete.h"
#include "core/records/record_read.h"
#include "core/records/record_rows.h"
#include "core/records/record_write.h"
#include "http/collection_lookup.h"

namespace fastcms::http {

namespace {

namespace records = core::records;
using core::collections::Collection;
using core::collections::Schema;

/// The request's file parts and the storage they go to (held for the whole request: a
/// settings change may swap the App's storage meanwhile).
records::RecordFiles request_files(core::App& app, const ApiRequest& request) {
  if (request.files.empty()) return {};
  return records::RecordFiles{request.files, app.file_storage()};
}

/// A written record as the client sees it: presented for the requester, then expanded.
ApiResponse written_record(core::App& app, const Schema& schema, const Collection& collection,
                           const ApiRequest& request, nlohmann::json full) {
  nlohmann::json items = nlohmann::json::array({records::present_record(collection, std::move(full), request.ctx)});
  if (std::string expand = request.query_value("expand"); !expand.empty()) {
    auto expanded = records::expand_records(app.db(), schema, collection, request.ctx, items, expand);
    if (!expanded.ok()) return ApiResponse::error(expanded.error());
  }
  return ApiResponse::json(std::move(items[0]));
}

ApiResponse list(core::App& app, ApiRequest& request) {
  const auto& schema = request.schema;
  auto collection = find_collection(*schema, request.param("collection"));
  if (!collection.ok()) return ApiResponse::error(collection.error());
  std::map<std::string, std::string> query;
  for (const auto& [name, value] : request.query) query.emplace(name, value);  // the first value of each
  auto options = records::parse_list_options(query);
  if (!options.ok()) return ApiResponse::error(options.error());
  auto result = records::list_records(app.db(), *schema, **collection, request.ctx, *options);
  if (!result.ok()) return ApiResponse::error(result.error());
  return ApiResponse::json(result->to_json());
}

ApiResponse view(core::App& app, ApiRequest& request) {
  const auto& schema = request.schema;
  auto collection = find_collection(*schema, request.param("collection"));
  if (!collection.ok()) return ApiResponse::error(collection.error());
  auto record = records::view_record(app.db(), *schema, **collection, request.ctx, request.param("id"),
                                     request.query_value("expand"));
  if (!record.ok()) return ApiResponse::error(record.error());
  return ApiResponse::json(std::move(*record));
}

ApiResponse create(core::App& app, ApiRequest& request) {
  const auto& schema = request.schema;
  auto collection = find_collection(*schema, request.param("collection"));
  if (!collection.ok()) return ApiResponse::error(collection.error());
  auto record = records::create_record(app.db(), *schema, **collection, request.ctx, request.body,
                                       request_files(app, request));
  if (!record.ok()) return ApiResponse::error(record.error());
  return written_record(app, *schema, **collection, request, std::move(*record));
}

ApiResponse update(core::App& app, ApiRequest& request) {
  const auto& schema = request.schema;
  auto collection = find_collection(*schema, request.param("collection"));
  if (!collection.ok()) return ApiResponse::error(collection.error());
  auto record = records::update_record(app.db(), *schema, **collection, request.ctx, request.param("id"), request.body,
                                       request_files(app, request));
  if (!record.ok()) return ApiResponse::error(record.error());
  return written_record(app, *schema, **collection, request, std::move(*record));
}

ApiResponse remove(core::App& app, ApiRequest& request) {
  const auto& schema = request.schema;
  auto collection = find_collection(*schema, request.param("collection"));
  if (!collection.ok()) return ApiResponse::error(collection.error());
  auto removed = records::delete_record(app.db(), *schema, **collection, request.ctx, request.param("id"));
  if (!removed.ok()) return ApiResponse::error(removed.error());
  return ApiResponse::no_content();
}

/// PUT …/records (batch only): update the record whose id the body names if it exists,
/// otherwise create it.
ApiResponse upsert(core::App& app, ApiRequest& request) {
  const auto& schema = request.schema;
  auto collection = find_collection(*schema, request.param("collection"));
  if (!collection.ok()) return ApiResponse::error(collection.error());
  std::string id = request.body.is_object() ? request.body.value("id", std::string()) : std::string();
  if (!id.empty()) {
    auto found = records::load_record(app.db(), **collection, id);
    if (!found.ok()) return ApiResponse::error(core::ApiError::from(found.error()));
    if (found->has_value()) {
      request.path_params["id"] = id;
      return update(app, request);
    }
  }
  return create(app, request);
}

template <ApiResponse (*F)(core::App&, ApiRequest&)>
Handler bind(core::App& app) {
  return [&app](ApiRequest& request) { return F(app, request); };
}

constexpr const char* records_path = "/api/collections/{collection}/records";
constexpr const char* record_path = "/api/collections/{collection}/records/{id}";

}  // namespace

void register_record_routes(Router& router, core::App& app) {
  router.add("GET", records_path, bind<list>(app));
  router.add("GET", record_path, bind<view>(app));
  router.add("POST", records_path, bind<create>(app));
  router.add("PATCH", record_path, bind<update>(app));
  router.add("DELETE", record_path, bind<remove>(app));
}

void register_batch_record_routes(Router& router, core::App& app) {
  router.add("POST", records_path, bind<create>(app));
  router.add("PATCH", record_path, bind<update>(app));
  router.add("DELETE", record_path, bind<remove>(app));
  router.add("PUT", records_path, bind<upsert>(app));
}

}  // namespace fastcms::http
