#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// The sign-in endpoints without a password, under /api/collections/{collection}/:
/// PocketBase's request-otp and auth-with-otp, and FastCMS's request-magic-link,
/// auth-with-magic-link, request-sms-code and auth-with-sms. Mails and text messages are
/// sent in the background after the answer (common/background_tasks.h), so the answer
/// takes as long for an unknown address as for a known one; a failed delivery is logged on
/// stderr and its secret deleted.
void register_passwordless_routes(Router& router, core::App& app);

}  // namespace fastcms::http
