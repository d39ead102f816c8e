#include "http/rate_limit_middleware.h"

#include "common/strings.h"
#include "core/rate_limit/client_ip.h"
#include "core/rate_limit/request_limit.h"

namespace fastcms::http {

namespace {

namespace rl = core::rate_limit;

constexpr std::string_view collection_routes = "/api/collections/{collection}/";

/// The first path segment after /api/collections/{collection}/, or "".
std::string_view collection_action(std::string_view pattern) {
  if (!pattern.starts_with(collection_routes)) return {};
  std::string_view rest = pattern.substr(collection_routes.size());
  return rest.substr(0, rest.find('/'));
}

bool is_auth_action(std::string_view action) {
  return action.starts_with("auth-") || action.starts_with("request-") || action.starts_with("confirm-") ||
         action == "impersonate";
}

/// The parsed rateLimits of the settings snapshot, parsed again only when the settings change.
const rl::RateLimitConfig& current_config(const std::shared_ptr<const nlohmann::json>& settings) {
  thread_local std::shared_ptr<const nlohmann::json> parsed_from;
  thread_local rl::RateLimitConfig config;
  if (parsed_from != settings) {
    config = rl::rate_limit_config(*settings);
    parsed_from = settings;
  }
  return config;
}

}  // namespace

std::vector<std::string> rate_limit_tags(std::string_view method, std::string_view route_pattern) {
  std::string_view action = collection_action(route_pattern);
  if (action == "records") {
    bool one = route_pattern.ends_with("/{id}");
    if (method == "GET") return {one ? "view" : "list"};
    if (method == "POST" && !one) return {"create"};
    if (method == "PATCH" && one) return {"update"};
    if (method == "DELETE" && one) return {"delete"};
    return {};
  }
  if (is_auth_action(action)) return {"auth"};
  return {};
}

bool names_identity(std::string_view route_pattern) {
  std::string_view action = collection_action(route_pattern);
  return action.starts_with("auth-with-") || action.starts_with("request-");
}

std::optional<ApiResponse> apply_rate_limits(core::App& app, const ApiRequest& request,
                                             std::string_view route_pattern) {
  auto settings = app.settings();
  const rl::RateLimitConfig& config = current_config(settings);
  if (!config.enabled || config.rules.empty()) return std::nullopt;

  rl::RateLimitRequest limited;
  limited.target.method = request.method;
  limited.target.path = request.path;
  limited.target.tags = rate_limit_tags(request.method, route_pattern);
  if (!limited.target.tags.empty()) {
    std::string collection = request.param("collection");
    const auto* found = request.schema ? request.schema->find(collection) : nullptr;
    limited.target.collection = found ? found->name : collection;
  }
  limited.client_ip = rl::client_ip(request.remote_ip, request.headers, *settings);
  if (names_identity(route_pattern)) limited.identity = rl::identity_from_body(request.body);
  limited.guest = request.ctx.is_guest();

  auto decision = rl::check_rate_limits(app.rate_limiter(), config, limited);
  if (decision.allowed) return std::nullopt;
  return ApiResponse::error({429, "Too Many Requests.", nlohmann::json::object()})
      .with_header("Retry-After", std::to_string(decision.retry_after_seconds));
}

}  // namespace fastcms::http
