#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/collections/collection.h"
#include "core/filter/request_info.h"

namespace fastcms::core {

/// Name of the system collection whose records are superusers (collection id pbc_3142635823).
inline constexpr std::string_view superusers_collection = "_superusers";

/// Who is asking and with what request, as every core service sees it. Built by the HTTP
/// layer (or by the CLI, batch and realtime paths) once per request; rules read it through
/// `info` (@request.*).
struct RequestContext {
  /// method, headers, query, body and the authenticated record (`info.auth`: the record's
  /// fields as stored, hidden ones included, never password/tokenKey; null for a guest)
  /// with its collection (`info.auth_collection`).
  filter::RequestInfo info;

  bool is_guest() const { return info.auth.is_null() || info.auth_collection == nullptr; }
  bool is_superuser() const { return !is_guest() && info.auth_collection->name == superusers_collection; }
  /// The authenticated record's id, or "" for a guest.
  std::string auth_id() const {
    return is_guest() ? std::string() : info.auth.value("id", std::string());
  }

  /// A context for the CLI and internal jobs: acts as a superuser.
  static RequestContext system() {
    RequestContext c;
    c.system_caller = true;
    return c;
  }
  /// Set when the requester signed in with an API key: what the key may do on top of its
  /// owner's rights (core/auth/api_key_scopes.h). nullopt for tokens: no narrowing.
  std::optional<std::vector<std::string>> api_key_scopes;

  /// True for system() contexts: every rule is bypassed like for a superuser.
  bool system_caller = false;
  /// Rules are bypassed for superusers and system callers.
  bool bypasses_rules() const { return system_caller || is_superuser(); }
};

}  // namespace fastcms::core
