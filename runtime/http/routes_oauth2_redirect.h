#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// GET and POST /api/oauth2-redirect (§1.6): the provider's redirect back to the app in
/// the all-in-one OAuth2 flow, handed to the waiting realtime client whose id is the state
/// (core/auth/oauth2/oauth2_redirect.h). GET reads state, code and error from the query,
/// POST from the form body (Apple's form_post).
void register_oauth2_redirect_routes(Router& router, core::App& app);

}  // namespace fastcms::http
