#include "core/settings/settings_defaults.h"

namespace fastcms::core::settings {
using nlohmann::json;

namespace {

json s3_defaults() {
  return {{"enabled", false}, {"bucket", ""}, {"region", ""},           {"endpoint", ""},
          {"accessKey", ""},  {"secret", ""}, {"forcePathStyle", false}};
}

json rate_limit_rule(const char* label, int max_requests, int duration) {
  json rule = rate_limit_rule_defaults();
  rule["label"] = label;
  rule["maxRequests"] = max_requests;
  rule["duration"] = duration;
  return rule;
}

}  // namespace

json rate_limit_rule_defaults() { return {{"label", ""}, {"audience", ""}, {"duration", 0}, {"maxRequests", 0}}; }

json default_settings() {
  return {
      {"meta",
       {{"appName", "fastcms"},
        {"appURL", "http://127.0.0.1:8090"},
        {"senderName", "Support"},
        {"senderAddress", "support@example.com"},
        {"hideControls", false}}},
      {"logs", {{"maxDays", 5}, {"minLevel", 0}, {"logIP", true}, {"logAuthId", false}}},
      {"smtp",
       {{"enabled", false},
        {"host", "smtp.example.com"},
        {"port", 587},
        {"username", ""},
        {"password", ""},
        {"authMethod", ""},
        {"tls", false},
        {"localName", ""}}},
      {"backups", {{"cron", ""}, {"cronMaxKeep", 3}, {"s3", s3_defaults()}}},
      {"s3", s3_defaults()},
      {"batch", {{"enabled", false}, {"maxRequests", 50}, {"timeout", 3}, {"maxBodySize", 0}}},
      // Unlike PocketBase (off by default), the auth routes are limited out of the box:
      // 60 requests a minute per client IP on every auth route of a collection, and 20
      // sign-in or request-* calls per 5 minutes per account, whatever the IP. Other routes
      // stay unlimited until a rule names them.
      {"rateLimits",
       {{"enabled", true},
        {"rules", {rate_limit_rule("*:auth", 60, 60), rate_limit_rule("*:identity", 20, 300)}}}},
      {"trustedProxy", {{"headers", json::array()}, {"useLeftmostIP", false}}},
      // FastCMS addition: where SMS sign-in codes go (provider "", "twilio" or "webhook").
      {"sms", {{"provider", ""}, {"accountSid", ""}, {"authToken", ""}, {"from", ""}, {"url", ""}}},
  };
}

const std::vector<json::json_pointer>& secret_setting_paths() {
  static const std::vector<json::json_pointer> paths = {
      json::json_pointer("/smtp/password"), json::json_pointer("/s3/secret"), json::json_pointer("/backups/s3/secret"),
      json::json_pointer("/sms/authToken")};
  return paths;
}

}  // namespace fastcms::core::settings
