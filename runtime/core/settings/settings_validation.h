#pragma once
#include <nlohmann/json.hpp>

namespace fastcms::core::settings {

/// What is wrong with complete, well-typed settings (merge_settings output), as PocketBase's
/// settings validation reports it, per nested key ({"meta":{"appName":{"code":
/// "validation_required","message":"Cannot be blank."}}}); an empty object when valid:
/// - meta: appName and senderName required, at most 255 characters; appURL a required URL;
///   senderAddress a required email address;
/// - logs.maxDays ≥ 0;
/// - smtp: host (required when enabled) and localName valid hosts; port required when
///   enabled, ≥ 0; authMethod "", "PLAIN" or "LOGIN";
/// - s3 and backups.s3: endpoint a URL; bucket, region, endpoint, accessKey and secret
///   required when enabled;
/// - backups: cron a valid cron expression or ""; cronMaxKeep required with a cron, ≥ 1;
/// - batch: maxRequests and timeout required when enabled, ≥ 0; maxBodySize ≥ 0;
/// - rateLimits: rules required when enabled; no two rules whose label@@audience is a prefix
///   of the other's; each rule: a label of PocketBase's forms (tag, `collection:action`,
///   `*:action`, `/path/`, `METHOD /path`), maxRequests and duration ≥ 1, audience "",
///   "@guest" or "@auth";
/// - sms (FastCMS): provider "", "twilio" or "webhook"; twilio requires accountSid,
///   authToken and from; webhook requires url; url a URL.
nlohmann::json settings_errors(const nlohmann::json& settings);

}  // namespace fastcms::core::settings
