#include "http/auth_route_helpers.h"

#include "core/records/expand.h"
#include "core/records/record_json.h"

namespace fastcms::http {

ApiResponse auth_success(core::App& app, const ApiRequest& request,
                         const core::ApiResult<core::auth::AuthResponse>& result) {
  if (!result.ok()) return ApiResponse::error(result.error());
  if (result->needs_mfa()) return ApiResponse::json({{"mfaId", result->mfa_id}}, 401);
  const auto& collection = *result->collection;
  nlohmann::json items = nlohmann::json::array(
      {core::records::present_record(collection, result->record, request.ctx, /*can_manage=*/true)});
  if (std::string expand = request.query_value("expand"); !expand.empty()) {
    auto expanded = core::records::expand_records(app.db(), *request.schema, collection, request.ctx, items, expand);
    if (!expanded.ok()) return ApiResponse::error(expanded.error());
  }
  nlohmann::json body = {{"token", result->token}, {"record", std::move(items[0])}};
  if (!result->meta.is_null()) body["meta"] = result->meta;
  return ApiResponse::json(std::move(body));
}

}  // namespace fastcms::http
