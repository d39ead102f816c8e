#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// The auth endpoints of auth collections (§1.6): auth-methods, auth-with-password,
/// auth-with-oauth2, auth-refresh and impersonate/{id}.
void register_auth_routes(Router& router, core::App& app);

}  // namespace fastcms::http
