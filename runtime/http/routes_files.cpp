#include "http/routes_files.h"

#include "core/files/content_type.h"
#include "core/files/file_access.h"
#include "core/files/file_rendition.h"
#include "http/file_response.h"

namespace fastcms::http {

namespace {

bool truthy(const std::string& value) { return value == "1" || value == "true" || value == "t"; }

/// Public files may be cached for a month (their names never get new content); protected
/// ones only by the browser that asked, and not kept (the token in the URL expires).
std::string cache_control_for(const core::files::ServedFile& file) {
  return file.is_protected() ? "private, no-store" : "max-age=2592000, stale-while-revalidate=86400";
}

ApiResponse download(core::App& app, ApiRequest& request) {
  auto served = core::files::find_served_file(app.db(), *request.schema, request.param("collection"),
                                              request.param("record"), request.param("name"),
                                              request.query_value("token"), request.ctx, app.secret());
  if (!served.ok()) return ApiResponse::error(served.error());
  auto storage = app.file_storage();
  auto rendition = core::files::read_rendition(*storage, *served, request.query);
  if (!rendition.ok()) return ApiResponse::error(rendition.error());
  if (!rendition->has_value()) return ApiResponse::error(core::ApiError::not_found("The requested resource wasn't found."));
  auto& [bytes, name, key] = **rendition;
  FilePresentation presentation{name, core::files::sniff_content_type(bytes).mime, cache_control_for(*served),
                                truthy(request.query_value("download")), key};
  return file_response(request, std::move(bytes), presentation);
}

}  // namespace

void register_file_routes(Router& router, core::App& app) {
  router.add("GET", "/api/files/{collection}/{record}/{name}",
             [&app](ApiRequest& request) { return download(app, request); });
}

}  // namespace fastcms::http
