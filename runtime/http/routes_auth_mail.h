#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// The mail flows of auth collections (§1.6): request/confirm-verification,
/// request/confirm-password-reset, request/confirm-email-change, and the superuser-only
/// POST /api/settings/test/email. Verification and password-reset mails are sent in the
/// background (the answer never depends on the address or the transport); the others are
/// sent before answering, so a transport failure is reported.
void register_auth_mail_routes(Router& router, core::App& app);

}  // namespace fastcms::http
