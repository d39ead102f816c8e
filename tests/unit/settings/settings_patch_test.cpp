#include "core/settings/settings_patch.h"

#include <doctest/doctest.h>

#include "core/settings/public_settings.h"
#include "core/settings/settings_defaults.h"
#include "core/settings/settings_validation.h"

namespace {
using nlohmann::json;
namespace settings = fastcms::core::settings;

json patched(const json& current, const json& patch) {
  auto r = settings::apply_settings_patch(current, patch);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return *r;
}

json patch_error(const json& patch, json current = settings::default_settings()) {
  auto r = settings::apply_settings_patch(current, patch);
  REQUIRE_FALSE(r.ok());
  return r.error().to_json();
}

json required_item() { return {{"code", "validation_required"}, {"message", "Cannot be blank."}}; }
json less_than_item(long long n) {
  return {{"code", "validation_min_greater_equal_than_required"},
          {"message", "Must be no less than " + std::to_string(n) + "."},
          {"params", {{"threshold", n}}}};
}
json in_invalid_item() { return {{"code", "validation_in_invalid"}, {"message", "Must be a valid value."}}; }
json wrong_type_item(const char* message) { return {{"code", "validation_invalid_value"}, {"message", message}}; }
const char* saving_failed = "An error occurred while saving the new settings.";
const char* loading_failed = "An error occurred while loading the submitted data.";
}  // namespace

TEST_SUITE("settings patch") {
  TEST_CASE("defaults have PocketBase's shape and fastcms's values, and are valid") {
    json d = settings::default_settings();
    CHECK(d["meta"] == json{{"appName", "fastcms"},
                            {"appURL", "http://127.0.0.1:8090"},
                            {"senderName", "Support"},
                            {"senderAddress", "support@example.com"},
                            {"hideControls", false}});
    CHECK(d["batch"] == json{{"enabled", false}, {"maxRequests", 50}, {"timeout", 3}, {"maxBodySize", 0}});
    CHECK(d["smtp"]["port"] == 587);
    CHECK(d["smtp"]["password"] == "");
    CHECK(d["backups"]["cronMaxKeep"] == 3);
    CHECK(d["backups"]["s3"] == d["s3"]);
    CHECK(d["s3"]["forcePathStyle"] == false);
    // Auth routes are rate limited by default (per IP and per account), nothing else.
    CHECK(d["rateLimits"]["enabled"] == true);
    CHECK(d["rateLimits"]["rules"] ==
          json{{{"label", "*:auth"}, {"audience", ""}, {"duration", 60}, {"maxRequests", 60}},
               {{"label", "*:identity"}, {"audience", ""}, {"duration", 300}, {"maxRequests", 20}}});
    CHECK(d["trustedProxy"] == json{{"headers", json::array()}, {"useLeftmostIP", false}});
    CHECK(d["logs"]["maxDays"] == 5);
    CHECK(settings::settings_errors(d).empty());
  }

  TEST_CASE("a patch changes only what it names") {
    json d = settings::default_settings();
    json out = patched(d, {{"meta", {{"appName", "Shop"}}},
                           {"smtp", {{"enabled", true}, {"port", 2525}}},
                           {"unknown", 1},
                           {"batch", {{"enabled", true}, {"extra", "x"}}}});
    json expected = d;
    expected["meta"]["appName"] = "Shop";
    expected["smtp"]["enabled"] = true;
    expected["smtp"]["port"] = 2525;
    expected["batch"]["enabled"] = true;
    CHECK(out == expected);
  }

  TEST_CASE("lists are replaced; rules gain default members; null keeps a value and empties a list") {
    json d = settings::default_settings();
    json out = patched(d, {{"trustedProxy", {{"headers", {"X-Real-IP"}}}},
                           {"rateLimits", {{"rules", {{{"label", "/api/"}, {"maxRequests", 10}, {"duration", 1}}}}}}});
    CHECK(out["trustedProxy"]["headers"] == json{"X-Real-IP"});
    CHECK(out["rateLimits"]["rules"] ==
          json::array({{{"label", "/api/"}, {"audience", ""}, {"duration", 1}, {"maxRequests", 10}}}));
    json nulls =
        patched(out, {{"meta", {{"appName", nullptr}}}, {"trustedProxy", {{"headers", nullptr}}}, {"smtp", nullptr}});
    CHECK(nulls["meta"]["appName"] == "fastcms");
    CHECK(nulls["trustedProxy"]["headers"] == json::array());
    CHECK(nulls["smtp"] == d["smtp"]);
  }

  TEST_CASE("values of the wrong type are reported per nested key") {
    json e = patch_error({{"meta", {{"appName", 5}}},
                          {"smtp", {{"port", "25"}, {"tls", 1}}},
                          {"batch", {{"timeout", 2.5}}},
                          {"s3", "x"},
                          {"trustedProxy", {{"headers", {"ok", 1}}}},
                          {"rateLimits", {{"rules", {{{"label", 5}}, "x"}}}}});
    CHECK(e["status"] == 400);
    CHECK(e["message"] == loading_failed);
    CHECK(e["data"] ==
          json{{"meta", {{"appName", wrong_type_item("Must be a string.")}}},
               {"smtp",
                {{"port", wrong_type_item("Must be an integer.")}, {"tls", wrong_type_item("Must be a boolean.")}}},
               {"batch", {{"timeout", wrong_type_item("Must be an integer.")}}},
               {"s3", wrong_type_item("Must be an object.")},
               {"trustedProxy", {{"headers", {{"1", wrong_type_item("Must be a string.")}}}}},
               {"rateLimits",
                {{"rules",
                  {{"0", {{"label", wrong_type_item("Must be a string.")}}},
                   {"1", wrong_type_item("Must be an object.")}}}}}});
    CHECK(patch_error(json::array()) == json{{"status", 400}, {"message", loading_failed}, {"data", json::object()}});
    CHECK(patch_error("text")["message"] == loading_failed);
  }

  TEST_CASE("meta: required values, URL, email and length") {
    json e = patch_error({{"meta", {{"appName", ""}, {"appURL", "not a url"}, {"senderAddress", "nope"}}}});
    CHECK(e["message"] == saving_failed);
    CHECK(e["data"] == json{{"meta",
                             {{"appName", required_item()},
                              {"appURL", {{"code", "validation_is_url"}, {"message", "Must be a valid URL."}}},
                              {"senderAddress",
                               {{"code", "validation_is_email"}, {"message", "Must be a valid email address."}}}}}});
    CHECK(patch_error(
              {{"meta", {{"appURL", ""}, {"senderAddress", ""}, {"senderName", std::string(256, 'x')}}}})["data"] ==
          json{{"meta",
                {{"appURL", required_item()},
                 {"senderAddress", required_item()},
                 {"senderName",
                  {{"code", "validation_length_out_of_range"},
                   {"message", "The length must be between 1 and 255."},
                   {"params", {{"min", 1}, {"max", 255}}}}}}}});
  }

  TEST_CASE("negative numbers") {
    json e = patch_error({{"logs", {{"maxDays", -1}}},
                          {"smtp", {{"port", -1}}},
                          {"batch", {{"maxBodySize", -1}, {"maxRequests", -5}, {"timeout", -1}}},
                          {"backups", {{"cronMaxKeep", -1}}}});
    CHECK(
        e["data"] ==
        json{{"logs", {{"maxDays", less_than_item(0)}}},
             {"smtp", {{"port", less_than_item(0)}}},
             {"batch",
              {{"maxBodySize", less_than_item(0)}, {"maxRequests", less_than_item(0)}, {"timeout", less_than_item(0)}}},
             {"backups", {{"cronMaxKeep", less_than_item(1)}}}});
  }

  TEST_CASE("what enabled features require") {
    json e = patch_error({{"smtp", {{"enabled", true}, {"host", ""}, {"port", 0}}},
                          {"s3", {{"enabled", true}}},
                          {"batch", {{"enabled", true}, {"maxRequests", 0}, {"timeout", 0}}},
                          {"rateLimits", {{"enabled", true}, {"rules", json::array()}}},
                          {"backups", {{"cron", "0 0 * * *"}, {"cronMaxKeep", 0}}}});
    CHECK(e["data"] == json{{"smtp", {{"host", required_item()}, {"port", required_item()}}},
                            {"s3",
                             {{"endpoint", required_item()},
                              {"bucket", required_item()},
                              {"region", required_item()},
                              {"accessKey", required_item()},
                              {"secret", required_item()}}},
                            {"batch", {{"maxRequests", required_item()}, {"timeout", required_item()}}},
                            {"rateLimits", {{"rules", required_item()}}},
                            {"backups", {{"cronMaxKeep", required_item()}}}});
    // Disabled, the same blanks are fine.
    CHECK(settings::apply_settings_patch(settings::default_settings(),
                                         {{"smtp", {{"host", ""}, {"port", 0}}}, {"batch", {{"maxRequests", 0}}}})
              .ok());
    json s3 = patched(settings::default_settings(), {{"backups",
                                                      {{"s3",
                                                        {{"enabled", true},
                                                         {"bucket", "b"},
                                                         {"region", "r"},
                                                         {"endpoint", "http://127.0.0.1:4569"},
                                                         {"accessKey", "k"},
                                                         {"secret", "s"}}}}}});
    CHECK(s3["backups"]["s3"]["secret"] == "s");
    CHECK(patch_error({{"backups", {{"s3", {{"endpoint", "bad url"}}}}}})["data"] ==
          json{{"backups",
                {{"s3", {{"endpoint", {{"code", "validation_is_url"}, {"message", "Must be a valid URL."}}}}}}}});
  }

  TEST_CASE("smtp auth method and hosts, backup cron") {
    json e = patch_error({{"smtp", {{"authMethod", "XOAUTH"}, {"localName", "bad host!"}, {"host", "a b"}}},
                          {"backups", {{"cron", "61 * * * *"}}}});
    json invalid_host = {{"code", "validation_is_host"}, {"message", "Must be a valid IP address or DNS name."}};
    CHECK(e["data"]["smtp"] ==
          json{{"authMethod", in_invalid_item()}, {"localName", invalid_host}, {"host", invalid_host}});
    CHECK(e["data"]["backups"]["cron"]["code"] == "validation_invalid_cron");
    CHECK(e["data"]["backups"]["cron"]["message"] ==
          "Invalid cron expression \"61 * * * *\": minute segment has \"61\" is outside 0-59.");
    CHECK(settings::apply_settings_patch(settings::default_settings(),
                                         {{"smtp", {{"authMethod", "LOGIN"}, {"localName", "mail.example.com"}}},
                                          {"backups", {{"cron", "0 3 * * *"}}}})
              .ok());
  }

  TEST_CASE("rate limit rules") {
    json conflict =
        patch_error({{"rateLimits",
                      {{"rules",
                        {{{"label", "*:auth"}, {"maxRequests", 1}, {"duration", 1}},
                         {{"label", "*:auth"}, {"audience", "@guest"}, {"maxRequests", 1}, {"duration", 1}}}}}}});
    CHECK(conflict["data"] ==
          json{{"rateLimits",
                {{"rules",
                  {{"1",
                    {{"label",
                      {{"code", "validation_conflicting_rate_limit_rule"},
                       {"message",
                        "Rate limit rule configuration with label *:auth already exists or conflicts with "
                        "another rule."},
                       {"params", {{"label", "*:auth"}}}}}}}}}}}});
    json rules = patch_error({{"rateLimits",
                               {{"rules",
                                 {{{"label", "a b c"}, {"maxRequests", 0}, {"duration", -1}, {"audience", "@nobody"}},
                                  {{"label", "POST /api/collections/"}, {"maxRequests", 5}, {"duration", 1}},
                                  {{"maxRequests", 1}, {"duration", 1}}}}}}});
    CHECK(rules["data"] ==
          json{{"rateLimits",
                {{"rules",
                  {{"0",
                    {{"label", {{"code", "validation_match_invalid"}, {"message", "Must be in a valid format."}}},
                     {"maxRequests", required_item()},
                     {"duration", less_than_item(1)},
                     {"audience", in_invalid_item()}}},
                   {"2", {{"label", required_item()}}}}}}}});
    json ok = patched(settings::default_settings(),
                      {{"rateLimits",
                        {{"enabled", true},
                         {"rules",
                          {{{"label", "users:create"}, {"maxRequests", 5}, {"duration", 60}, {"audience", "@guest"}},
                           {{"label", "GET /api/files"}, {"maxRequests", 100}, {"duration", 1}},
                           {{"label", "tag_a"}, {"maxRequests", 1}, {"duration", 1}, {"audience", "@auth"}}}}}}});
    CHECK(ok["rateLimits"]["rules"].size() == 3);
  }

  TEST_CASE("secrets: an empty value keeps the stored one; public settings blank them all") {
    json current = patched(settings::default_settings(), {{"smtp", {{"password", "smtp-pw"}}},
                                                          {"s3", {{"secret", "s3-secret"}}},
                                                          {"backups", {{"s3", {{"secret", "backup-secret"}}}}}});
    CHECK(current["smtp"]["password"] == "smtp-pw");
    json shown = settings::public_settings(current);
    CHECK(shown["smtp"]["password"] == "");
    CHECK(shown["s3"]["secret"] == "");
    CHECK(shown["backups"]["s3"]["secret"] == "");
    CHECK(shown.dump().find("secret\":\"s") == std::string::npos);
    CHECK(shown.dump().find("smtp-pw") == std::string::npos);
    // Everything else is shown as is.
    json unmasked = shown;
    for (const auto& path : settings::secret_setting_paths()) unmasked[path] = current[path];
    CHECK(unmasked == current);

    // The client sends back what it was shown: secrets are kept.
    json round_trip = patched(current, shown);
    CHECK(round_trip == current);
    json changed = patched(current, {{"smtp", {{"password", "new-pw"}}}});
    CHECK(changed["smtp"]["password"] == "new-pw");
    CHECK(changed["s3"]["secret"] == "s3-secret");
  }
}
