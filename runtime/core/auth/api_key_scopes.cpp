#include "core/auth/api_key_scopes.h"

#include <algorithm>

namespace fastcms::core::auth {

namespace {

bool is_name(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string_view action_name(ScopeAction action) { return action == ScopeAction::read ? "read" : "write"; }

}  // namespace

std::optional<std::string> scope_error(std::string_view scope) {
  if (scope == "*") return std::nullopt;
  auto colon = scope.find(':');
  if (colon == std::string_view::npos)
    return "scope \"" + std::string(scope) + "\" is not \"*\" or COLLECTION:ACTION (e.g. posts:read, records:write)";
  auto target = scope.substr(0, colon);
  auto action = scope.substr(colon + 1);
  if (target != "*" && !is_name(target))
    return "scope \"" + std::string(scope) + "\" names no collection: use a collection name, \"records\" or \"*\"";
  if (action != "read" && action != "write" && action != "*")
    return "scope \"" + std::string(scope) + "\" has the action \"" + std::string(action) +
           "\": use read, write or *";
  return std::nullopt;
}

bool scopes_allow_records(const std::vector<std::string>& scopes, std::string_view collection, ScopeAction action) {
  for (const auto& scope : scopes) {
    if (scope == "*") return true;
    auto colon = scope.find(':');
    if (colon == std::string::npos) continue;
    std::string_view target = std::string_view(scope).substr(0, colon);
    std::string_view granted = std::string_view(scope).substr(colon + 1);
    bool target_ok = target == "*" || target == "records" || target == collection;
    bool action_ok = granted == "*" || granted == action_name(action);
    if (target_ok && action_ok) return true;
  }
  return false;
}

bool scopes_allow_everything(const std::vector<std::string>& scopes) {
  return std::find(scopes.begin(), scopes.end(), "*") != scopes.end();
}

}  // namespace fastcms::core::auth
