#include "http/routes_auth_mail.h"

#include "core/auth/confirm_email_change.h"
#include "core/auth/confirm_password_reset.h"
#include "core/auth/confirm_verification.h"
#include "core/auth/request_email_change.h"
#include "core/auth/request_password_reset.h"
#include "core/auth/request_verification.h"
#include "core/auth/require_auth.h"
#include "core/auth/test_email.h"
#include "core/mail/background_mailer.h"
#include "core/mail/settings_mailer.h"
#include "http/collection_lookup.h"

namespace fastcms::http {

namespace {

namespace auth = core::auth;
namespace mail = core::mail;
using core::collections::Collection;

/// Stands in for the App's mailer while none is installed.
class UnconfiguredMailer final : public mail::Mailer {
 public:
  Status send(const mail::MailMessage&) override { return Error::usage(mail::mail_not_configured_message); }
};

std::shared_ptr<mail::Mailer> app_mailer(core::App& app) {
  auto mailer = app.mailer();
  return mailer ? mailer : std::make_shared<UnconfiguredMailer>();
}

ApiResponse answer(const core::ApiStatus& status) {
  return status.ok() ? ApiResponse::no_content() : ApiResponse::error(status.error());
}

/// A handler for /api/collections/{collection}/…: `f(request, collection, mail setup)` with
/// the App's current settings, `mailer` (null: the App's own), and the project secret.
template <class F>
Handler mail_flow(core::App& app, std::shared_ptr<mail::Mailer> mailer, F f) {
  return [&app, mailer, f](ApiRequest& request) -> ApiResponse {
    auto collection = find_collection(*request.schema, request.param("collection"));
    if (!collection.ok()) return ApiResponse::error(collection.error());
    auto settings = app.settings();
    auto sender = mailer ? mailer : app_mailer(app);
    auth::MailSetup setup{*settings, *sender, app.secret()};
    return answer(f(request, **collection, setup));
  };
}

}  // namespace

void register_auth_mail_routes(Router& router, core::App& app) {
  auto background = std::make_shared<mail::BackgroundMailer>([&app] { return app_mailer(app); });
  const std::string base = "/api/collections/{collection}/";

  router.add("POST", base + "request-verification",
             mail_flow(app, background, [&app](ApiRequest& request, const Collection& c, const auth::MailSetup& m) {
               return auth::request_verification(app.db(), c, request.body, m);
             }));
  router.add("POST", base + "confirm-verification",
             mail_flow(app, nullptr, [&app](ApiRequest& request, const Collection& c, const auth::MailSetup&) {
               return auth::confirm_verification(app.db(), *request.schema, c, request.body, app.secret());
             }));
  router.add("POST", base + "request-password-reset",
             mail_flow(app, background, [&app](ApiRequest& request, const Collection& c, const auth::MailSetup& m) {
               return auth::request_password_reset(app.db(), c, request.body, m);
             }));
  router.add("POST", base + "confirm-password-reset",
             mail_flow(app, nullptr, [&app](ApiRequest& request, const Collection& c, const auth::MailSetup&) {
               return auth::confirm_password_reset(app.db(), *request.schema, c, request.body, app.secret());
             }));
  router.add("POST", base + "request-email-change",
             mail_flow(app, nullptr, [&app](ApiRequest& request, const Collection& c, const auth::MailSetup& m) {
               return auth::request_email_change(app.db(), c, request.ctx, request.body, m);
             }));
  router.add("POST", base + "confirm-email-change",
             mail_flow(app, nullptr, [&app](ApiRequest& request, const Collection& c, const auth::MailSetup&) {
               return auth::confirm_email_change(app.db(), *request.schema, c, request.body, app.secret());
             }));

  router.add("POST", "/api/settings/test/email", [&app](ApiRequest& request) {
    if (auto allowed = auth::require_superuser(request.ctx); !allowed.ok()) return ApiResponse::error(allowed.error());
    auto settings = app.settings();
    auto mailer = app_mailer(app);
    return answer(auth::send_test_email(*request.schema, request.body, {*settings, *mailer, app.secret()}));
  });
}

}  // namespace fastcms::http
