#include "http/routes_collections.h"

#include "core/app/open_app.h"
#include "core/auth/require_auth.h"
#include "core/collections/collection_file_writer.h"
#include "core/collections/collection_service.h"

namespace fastcms::http {

namespace {

namespace collections = core::collections;

/// After a change in the database: the new schema into the App, then the files in step.
/// `written` are definitions to write, `removed` names whose files go away.
core::ApiStatus publish(core::App& app, const std::vector<nlohmann::json>& written,
                        const std::vector<std::string>& removed) {
  if (auto reloaded = core::reload_schema(app); !reloaded.ok()) return core::ApiError::from(reloaded.error());
  auto schema = app.schema();
  for (const auto& name : removed)
    if (auto st = collections::remove_collection_file(app.root(), name); !st.ok())
      return core::ApiError::bad_request("The change was saved in the database but its collection file could not be "
                                         "removed: " + st.error().message);
  for (const auto& definition : written)
    if (auto st = collections::write_collection_file(app.root(), definition, schema.get()); !st.ok())
      return core::ApiError::bad_request("The change was saved in the database but its collection file could not be "
                                         "written: " + st.error().message);
  return Ok{};
}

ApiResponse saved(core::App& app, core::ApiResult<nlohmann::json> result, const std::string& old_name = "") {
  if (!result.ok()) return ApiResponse::error(result.error());
  std::vector<std::string> removed;
  std::string name = result->value("name", "");
  if (!old_name.empty() && old_name != name) removed.push_back(old_name);
  if (auto published = publish(app, {*result}, removed); !published.ok()) return ApiResponse::error(published.error());
  return ApiResponse::json(std::move(*result));
}

/// Wraps a handler with PocketBase's superuser guard.
template <class F>
Handler superusers_only(core::App& app, F f) {
  return [&app, f](ApiRequest& request) -> ApiResponse {
    if (auto allowed = core::auth::require_superuser(request.ctx); !allowed.ok())
      return ApiResponse::error(allowed.error());
    return f(app, request);
  };
}

ApiResponse list(core::App& app, ApiRequest& request) {
  std::map<std::string, std::string> query;
  for (const auto& [name, value] : request.query) query.emplace(name, value);
  auto listed = collections::list_collections(app.db(), query);
  return listed.ok() ? ApiResponse::json(std::move(*listed)) : ApiResponse::error(listed.error());
}

ApiResponse view(core::App& app, ApiRequest& request) {
  auto found = collections::view_collection(app.db(), request.param("collection"));
  return found.ok() ? ApiResponse::json(std::move(*found)) : ApiResponse::error(found.error());
}

ApiResponse create(core::App& app, ApiRequest& request) {
  return saved(app, collections::create_collection(app.db(), request.body));
}

ApiResponse update(core::App& app, ApiRequest& request) {
  auto before = collections::view_collection(app.db(), request.param("collection"));
  if (!before.ok()) return ApiResponse::error(before.error());
  return saved(app, collections::update_collection(app.db(), request.param("collection"), request.body),
               before->value("name", ""));
}

ApiResponse remove(core::App& app, ApiRequest& request) {
  auto deleted = collections::delete_collection(app.db(), request.param("collection"));
  if (!deleted.ok()) return ApiResponse::error(deleted.error());
  if (auto published = publish(app, {}, {deleted->value("name", "")}); !published.ok())
    return ApiResponse::error(published.error());
  return ApiResponse::no_content();
}

ApiResponse truncate(core::App& app, ApiRequest& request) {
  auto truncated = collections::truncate_collection(app.db(), request.param("collection"));
  return truncated.ok() ? ApiResponse::no_content() : ApiResponse::error(truncated.error());
}

ApiResponse import(core::App& app, ApiRequest& request) {
  auto changes = collections::import_collections(app.db(), request.body);
  if (!changes.ok()) return ApiResponse::error(changes.error());
  if (auto reloaded = core::reload_schema(app); !reloaded.ok())
    return ApiResponse::error(core::ApiError::from(reloaded.error()));
  auto schema = app.schema();
  std::vector<nlohmann::json> written;
  std::vector<std::string> removed;
  for (const auto& change : *changes) {
    if (change.kind == collections::ChangeKind::deleted) removed.push_back(change.name);
    else if (const auto* c = schema->find(change.id); c && change.kind != collections::ChangeKind::unchanged)
      written.push_back(c->definition);
  }
  if (auto published = publish(app, written, removed); !published.ok()) return ApiResponse::error(published.error());
  return ApiResponse::no_content();
}

}  // namespace

void register_collection_routes(Router& router, core::App& app) {
  router.add("GET", "/api/collections", superusers_only(app, list));
  router.add("POST", "/api/collections", superusers_only(app, create));
  router.add("PUT", "/api/collections/import", superusers_only(app, import));
  router.add("GET", "/api/collections/{collection}", superusers_only(app, view));
  router.add("PATCH", "/api/collections/{collection}", superusers_only(app, update));
  router.add("DELETE", "/api/collections/{collection}", superusers_only(app, remove));
  router.add("DELETE", "/api/collections/{collection}/truncate", superusers_only(app, truncate));
}

}  // namespace fastcms::http
