#include "core/auth/complete_auth.h"

#include "core/auth/mfa.h"
#include "core/auth/record_token.h"

namespace fastcms::core::auth {

std::string mfa_id_from(const nlohmann::json& body, const RequestContext& ctx) {
  if (body.is_object())
    if (auto it = body.find("mfaId"); it != body.end() && it->is_string() && !it->get<std::string>().empty())
      return it->get<std::string>();
  auto query = ctx.info.query.find("mfaId");
  return query != ctx.info.query.end() ? query->second : std::string();
}

ApiResult<AuthResponse> complete_auth(db::Connection& db, const collections::Schema& schema, AuthAttempt attempt,
                                      const RequestContext& ctx, std::string_view project_secret) {
  const auto& collection = *attempt.collection;
  RequestContext method_ctx = ctx;
  method_ctx.info.context = attempt.method;
  auto allowed = check_auth_rule(db, schema, collection, attempt.record.value("id", ""), method_ctx);
  if (!allowed.ok()) return allowed.error();
  auto mfa = check_mfa(db, schema, collection, attempt.record, attempt.method, attempt.mfa_id, method_ctx);
  if (!mfa.ok()) return mfa.error();
  if (!mfa->empty()) return AuthResponse{{}, std::move(attempt.record), &collection, nullptr, std::move(*mfa)};
  auto token = issue_token(collection, attempt.record, TokenKind::auth, project_secret);
  if (!token) return ApiError{500, "Failed to create auth token.", nlohmann::json::object()};
  return AuthResponse{std::move(*token), std::move(attempt.record), &collection, std::move(attempt.meta)};
}

}  // namespace fastcms::core::auth
