#pragma once
#include <string>

#include "core/auth/oauth2/redirect_broker.h"

namespace fastcms::core::auth::oauth2 {

/// What GET/POST /api/oauth2-redirect answers.
struct RedirectOutcome {
  bool success = false;
  int status = 200;
  std::string content_type;  ///< of `body` ("" for a redirect)
  std::string body;
  std::string location;      ///< set for a redirect
};

/// PocketBase's /api/oauth2-redirect: a missing state, or a state that is no waiting
/// client, fails; otherwise the data is delivered to that client (whatever it holds) and
/// the outcome fails when the provider sent an error or no code. With a dashboard the
/// browser is redirected to its success/failure page (307 after GET, 303 after POST);
/// without one the answer is PocketBase's plain fallback: 200 text/html "Auth completed.
/// You can close this window and go back to the app." or 200 text/plain "Failed to
/// authenticate. You can close this window and go back to the app to try again."
RedirectOutcome handle_oauth2_redirect(RedirectBroker& broker, const RedirectData& data, bool is_post,
                                       bool has_dashboard = false);

}  // namespace fastcms::core::auth::oauth2
