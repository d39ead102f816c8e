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
      {"rateLimits",
       {{"enabled", false},
        {"rules",
         {rate_limit_rule("*:auth", 2, 3), rate_limit_rule("*:create", 20, 5), rate_limit_rule("/api/batch", 3, 1),
          rate_limit_rule("/api/", 300, 10)}}}},
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
