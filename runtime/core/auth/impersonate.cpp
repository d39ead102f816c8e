#include "core/auth/impersonate.h"

#include <optional>

#include "core/auth/auth_record_lookup.h"
#include "core/auth/record_token.h"
#include "core/auth/require_auth.h"
#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

/// The `duration` member in seconds (absent or null: 0); nullopt when the body is not an
/// object (an empty body is null) or the duration is not an integer.
std::optional<long long> bind_duration(const json& body) {
  if (body.is_null()) return 0;
  if (!body.is_object()) return std::nullopt;
  auto it = body.find("duration");
  if (it == body.end() || it->is_null()) return 0;
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_number_float() && it->get<double>() == static_cast<double>(static_cast<long long>(it->get<double>())))
    return static_cast<long long>(it->get<double>());
  return std::nullopt;
}

}  // namespace

ApiResult<AuthResponse> impersonate(db::Connection& db, const collections::Schema& schema,
                                    const collections::Collection& collection, std::string_view record_id,
                                    const json& body, const RequestContext& ctx, std::string_view project_secret) {
  if (auto superuser = require_superuser(ctx); !superuser.ok()) return superuser.error();
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto record = find_record_by_id(db, collection, record_id);
  if (!record) return ApiError::internal();
  if (!record->has_value()) return ApiError::not_found();

  auto duration = bind_duration(body);
  if (!duration) return ApiError::bad_request(form_errors::load_failed_message);
  if (*duration < 0)
    return ApiError::bad_request(form_errors::validation_failed_message, {{"duration", form_errors::less_than(0)}});

  TokenOptions options;
  options.duration = std::chrono::seconds(*duration);
  options.refreshable = false;
  auto token = issue_token(collection, **record, TokenKind::auth, project_secret, options);
  if (!token) return ApiError{500, "Failed to generate static auth token", json::object()};
  return auth_response(db, schema, collection, std::move(**record), std::move(*token), ctx);
}

}  // namespace fastcms::core::auth
