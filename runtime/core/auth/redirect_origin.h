#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::core::auth {

/// The origin of an absolute http(s) URL: lowercase scheme and host, and the port when it is
/// not the scheme's default ("https://app.example.com", "http://127.0.0.1:8090"); nullopt
/// for anything else (relative URLs, other schemes, userinfo, an empty host).
std::optional<std::string> url_origin(std::string_view url);

/// Whether a sign-in link may send the browser to `url`: its origin is the origin of
/// `app_url` (settings meta.appURL) or one of `allowed_origins` (the server's CORS list;
/// "*" there allows no redirect, so that no configuration turns links into open redirects).
bool redirect_allowed(std::string_view url, std::string_view app_url, const std::vector<std::string>& allowed_origins);

}  // namespace fastcms::core::auth
