#include "core/auth/redirect_origin.h"

#include "common/strings.h"

namespace fastcms::core::auth {

std::optional<std::string> url_origin(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  std::string scheme = strings::to_lower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string host(authority), port;
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = std::string(authority.substr(0, colon));
    port = std::string(authority.substr(colon + 1));
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  }
  if (host.empty()) return std::nullopt;
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();
  return scheme + "://" + strings::to_lower(host) + (port.empty() ? "" : ":" + port);
}

bool redirect_allowed(std::string_view url, std::string_view app_url, const std::vector<std::string>& allowed_origins) {
  auto origin = url_origin(url);
  if (!origin) return false;
  if (auto app = url_origin(app_url); app && *app == *origin) return true;
  for (const auto& allowed : allowed_origins)
    if (auto allowed_origin = url_origin(allowed); allowed_origin && *allowed_origin == *origin) return true;
  return false;
}

}  // namespace fastcms::core::auth
