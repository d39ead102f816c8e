#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace fastcms::core::rate_limit {

/// The client's IP as the settings' `trustedProxy` says to read it: the first of
/// trustedProxy.headers (e.g. "X-Forwarded-For", "CF-Connecting-IP") the request carries,
/// taking the rightmost address of a comma list (the one the trusted proxy added), or the
/// leftmost with useLeftmostIP; the socket's `remote_ip` when none is configured or sent.
/// `headers` are keyed by lower-case name.
std::string client_ip(const std::string& remote_ip, const std::map<std::string, std::string>& headers,
                      const nlohmann::json& settings);

}  // namespace fastcms::core::rate_limit
