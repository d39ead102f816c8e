#include "http/routes_passwordless.h"

#include <iostream>

#include "common/background_tasks.h"
#include "core/auth/magic_link_auth.h"
#include "core/auth/otp_auth.h"
#include "core/auth/passwordless_options.h"
#include "core/sms/sms_auth.h"
#include "core/sms/sms_sender_factory.h"
#include "http/auth_route_helpers.h"

namespace fastcms::http {

namespace {

namespace auth = core::auth;
namespace sms = core::sms;
using core::collections::Collection;

void log_delivery_failure(const char* what, const Status& delivered) {
  if (!delivered.ok()) std::cerr << "fastcms: sending the " << what << " failed: " << delivered.error().message << "\n";
}

/// Sends `pending` after the response; the request's schema snapshot is kept alive for it.
void mail_later(core::App& app, const ApiRequest& request, const char* what, auth::PendingMail pending) {
  background::run([&app, schema = request.schema, mailer = app.mailer(), what, pending = std::move(pending)] {
    log_delivery_failure(what, auth::deliver_pending_mail(app.db(), *schema, mailer.get(), pending));
  });
}

void text_later(core::App& app, const ApiRequest& request, std::shared_ptr<sms::SmsSender> sender,
                sms::PendingSms pending) {
  background::run([&app, schema = request.schema, sender = std::move(sender), pending = std::move(pending)] {
    log_delivery_failure("SMS code", sms::deliver_pending_sms(app.db(), *schema, *sender, pending));
  });
}

ApiResponse request_otp(core::App& app, ApiRequest& request, const Collection& c) {
  auto settings = app.settings();
  auto result = auth::request_otp(app.db(), *request.schema, c, request.body, *settings, app.options().dev);
  if (!result.ok()) return ApiResponse::error(result.error());
  if (result->mail) mail_later(app, request, "OTP mail", std::move(*result->mail));
  return ApiResponse::json({{"otpId", result->otp_id}});
}

ApiResponse request_magic_link(core::App& app, ApiRequest& request, const Collection& c) {
  auto settings = app.settings();
  auth::MagicLinkContext context{*settings, app.options().origins, app.secret()};
  auto result = auth::request_magic_link(app.db(), *request.schema, c, request.body, context);
  if (!result.ok()) return ApiResponse::error(result.error());
  if (*result) mail_later(app, request, "magic link mail", std::move(**result));
  return ApiResponse::no_content();
}

ApiResponse request_sms_code(core::App& app, ApiRequest& request, const Collection& c) {
  auto sender = sms::sms_sender_from_settings(*app.settings(), app.options().dev);
  // Refused before a code is made (the same answer for every phone number).
  if (!sender.ok() && auth::sms_options(c).enabled) return ApiResponse::error(sender.error());
  auto result = sms::request_sms_code(app.db(), *request.schema, c, request.body);
  if (!result.ok()) return ApiResponse::error(result.error());
  if (result->sms) text_later(app, request, std::move(*sender), std::move(*result->sms));
  return ApiResponse::json({{"smsId", result->sms_id}});
}

/// Sets @request.context to `method` and answers with the sign-in `f` returns.
template <class F>
Handler sign_in(core::App& app, const char* method, F f) {
  return with_collection(app, [method, f](core::App& app, ApiRequest& request, const Collection& c) {
    request.ctx.info.context = method;
    return auth_success(app, request, f(app, request, c));
  });
}

}  // namespace

void register_passwordless_routes(Router& router, core::App& app) {
  const std::string base = "/api/collections/{collection}/";
  router.add("POST", base + "request-otp", with_collection(app, request_otp));
  router.add("POST", base + "auth-with-otp", sign_in(app, "otp", [](core::App& app, ApiRequest& r, const Collection& c) {
               return auth::auth_with_otp(app.db(), *r.schema, c, r.body, r.ctx, app.secret());
             }));
  router.add("POST", base + "request-magic-link", with_collection(app, request_magic_link));
  router.add("POST", base + "auth-with-magic-link",
             sign_in(app, "magicLink", [](core::App& app, ApiRequest& r, const Collection& c) {
               return auth::auth_with_magic_link(app.db(), *r.schema, c, r.body, r.ctx, app.secret());
             }));
  router.add("POST", base + "request-sms-code", with_collection(app, request_sms_code));
  router.add("POST", base + "auth-with-sms", sign_in(app, "sms", [](core::App& app, ApiRequest& r, const Collection& c) {
               return sms::auth_with_sms(app.db(), *r.schema, c, r.body, r.ctx, app.secret());
             }));
}

}  // namespace fastcms::http
