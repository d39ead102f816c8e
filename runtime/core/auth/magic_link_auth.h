#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/auth_response.h"
#include "core/auth/pending_mail.h"
#include "core/request_context.h"

/// FastCMS's magic links: a mailed link that signs its holder in once (`request-magic-link`,
/// `auth-with-magic-link`).
namespace fastcms::core::auth {

/// Where a request-magic-link may send the browser, and what signs its tokens.
struct MagicLinkContext {
  const nlohmann::json& settings;                    ///< meta (app URL, name, sender)
  const std::vector<std::string>& allowed_origins;   ///< the server's CORS origins
  std::string_view project_secret;                   ///< keys the stored token hashes
};

/// POST /api/collections/{c}/request-magic-link, body {email, redirectURL?}:
/// - not an auth collection: 404; magicLink.enabled false: 403 "The collection is not
///   configured to allow magic link authentication.";
/// - body not an object / a member not a string: 400 load_failed; email blank, longer than
///   255 or not an email: 400 validation_failed; redirectURL not an http(s) URL on the
///   origin of meta.appURL or of an allowed origin: 400 validation_failed with
///   redirectURL "validation_invalid_redirect_url" (no open redirects);
/// - an unknown email: nothing to send (the endpoint answers 204 either way);
/// - otherwise a `_magicLinks` record holding the keyed hash of a new random token, and its
///   mail (magicLink.emailTemplate with {LINK} = `{redirectURL or APP_URL + "/_/#/auth/magic-link"}`
///   + `?token=…` (`&token=` when the URL has a query already), {APP_NAME}, {APP_URL}).
/// Expired links of the collection are deleted on the way.
ApiResult<std::optional<PendingMail>> request_magic_link(db::Connection& db, const collections::Schema& schema,
                                                         const collections::Collection& collection,
                                                         const nlohmann::json& body, const MagicLinkContext& context);

/// POST /api/collections/{c}/auth-with-magic-link, body {token}: 404/403 as above; token
/// blank or longer than 255: 400 validation_failed; an unknown, used or expired token
/// (magicLink.duration), one issued for another collection or for a deleted record: 400
/// "Invalid or expired magic link.". On success the link is used up (single use), the
/// record becomes verified when the link was mailed to its current email, and
/// complete_auth ends the sign-in with method "magicLink".
ApiResult<AuthResponse> auth_with_magic_link(db::Connection& db, const collections::Schema& schema,
                                             const collections::Collection& collection, const nlohmann::json& body,
                                             const RequestContext& ctx, std::string_view project_secret);

}  // namespace fastcms::core::auth
