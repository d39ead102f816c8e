#pragma once
#include <nlohmann/json.hpp>
#include <vector>

/// The application settings (PocketBase's /api/settings shape) as JSON. The defaults also
/// define the shape: a settings document has exactly these keys with these value types.
namespace fastcms::core::settings {

/// PocketBase's settings with fastcms's defaults:
///   meta {appName "fastcms", appURL "http://127.0.0.1:8090", senderName "Support",
///         senderAddress "support@example.com", hideControls false},
///   logs {maxDays 5, minLevel 0, logIP true, logAuthId false},
///   smtp {enabled false, host "smtp.example.com", port 587, username "", password "",
///         authMethod "", tls false, localName ""},
///   backups {cron "", cronMaxKeep 3, s3 {enabled false, bucket, region, endpoint, accessKey,
///            secret "", forcePathStyle false}},
///   s3 {same as backups.s3},
///   batch {enabled false, maxRequests 50, timeout 3, maxBodySize 0},
///   rateLimits {enabled true, rules [*:auth 60/60s (per client IP), *:identity 20/300s (per
///               account named by a sign-in or request-* body)]}: brute force on the auth
///               routes is stopped out of the box, every other route is unlimited,
///   trustedProxy {headers [], useLeftmostIP false},
///   sms {provider "", accountSid "", authToken "", from "", url ""} (FastCMS).
nlohmann::json default_settings();

/// The shape of one rateLimits.rules item: {label "", audience "", duration 0, maxRequests 0}.
nlohmann::json rate_limit_rule_defaults();

/// Where the secrets are: /smtp/password, /s3/secret, /backups/s3/secret, /sms/authToken. They never leave
/// the server in clear (public_settings), and a patch that sends "" for one keeps it.
const std::vector<nlohmann::json::json_pointer>& secret_setting_paths();

}  // namespace fastcms::core::settings
