#include "core/auth/oauth2/oauth2_redirect.h"

namespace fastcms::core::auth::oauth2 {

namespace {

RedirectOutcome outcome(bool success, bool is_post, bool has_dashboard) {
  RedirectOutcome out;
  out.success = success;
  if (has_dashboard) {
    out.status = is_post ? 303 : 307;
    out.location = success ? "../_/#/auth/oauth2-redirect-success" : "../_/#/auth/oauth2-redirect-failure";
    return out;
  }
  out.content_type = success ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
  out.body = success ? "Auth completed. You can close this window and go back to the app."
                     : "Failed to authenticate. You can close this window and go back to the app to try again.";
  return out;
}

}  // namespace

RedirectOutcome handle_oauth2_redirect(RedirectBroker& broker, const RedirectData& data, bool is_post,
                                       bool has_dashboard) {
  if (data.state.empty() || !broker.deliver(data)) return outcome(false, is_post, has_dashboard);
  return outcome(data.error.empty() && !data.code.empty(), is_post, has_dashboard);
}

}  // namespace fastcms::core::auth::oauth2
