#include "core/settings/settings_validation.h"

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "common/text_formats.h"
#include "core/form_errors.h"
#include "core/settings/cron_expression.h"

namespace fastcms::core::settings {
using nlohmann::json;

namespace {

/// One settings object being checked: each check runs on a key and records the first
/// failure for it (as ozzo-validation stops at a field's first failing rule).
class Checker {
 public:
  Checker(const json& object, json& errors) : object_(object), errors_(errors) {}

  std::string text(const char* key) const { return object_.value(key, ""); }
  long long integer(const char* key) const { return object_.value(key, 0LL); }
  bool flag(const char* key) const { return object_.value(key, false); }

  void fail(const char* key, json item) {
    if (!errors_.contains(key)) errors_[key] = std::move(item);
  }

  void required_text(const char* key, bool when = true) {
    if (when && text(key).empty()) fail(key, form_errors::required());
  }
  void max_length(const char* key, size_t max) {
    if (text(key).size() > max) fail(key, form_errors::length_out_of_range(1, static_cast<long long>(max)));
  }
  /// A non-empty value must pass `check`.
  void format(const char* key, const std::function<bool(std::string_view)>& check, json item) {
    std::string value = text(key);
    if (!value.empty() && !check(value)) fail(key, std::move(item));
  }
  void required_integer(const char* key, bool when = true) {
    if (when && integer(key) == 0) fail(key, form_errors::required());
  }
  /// ozzo's Min: zero counts as empty and passes.
  void at_least(const char* key, long long min) {
    long long value = integer(key);
    if (value != 0 && value < min) fail(key, form_errors::less_than(min));
  }
  void one_of(const char* key, const std::vector<std::string>& allowed) {
    std::string value = text(key);
    if (value.empty()) return;
    for (const auto& a : allowed)
      if (value == a) return;
    fail(key, form_errors::not_in_list());
  }

 private:
  const json& object_;
  json& errors_;
};

template <class Fn>
void check_object(const json& settings, const char* key, json& errors, Fn&& fn) {
  json object_errors = json::object();
  Checker checker(settings.at(key), object_errors);
  fn(checker, object_errors);
  if (!object_errors.empty()) errors[key] = std::move(object_errors);
}

void check_meta(Checker& c) {
  for (const char* key : {"appName", "senderName"}) {
    c.required_text(key);
    c.max_length(key, 255);
  }
  c.required_text("appURL");
  c.format("appURL", text_formats::is_url, form_errors::invalid_url());
  c.format("senderAddress", text_formats::is_email_address, form_errors::invalid_email());
  c.required_text("senderAddress");
}

void check_smtp(Checker& c) {
  bool enabled = c.flag("enabled");
  c.required_text("host", enabled);
  c.format("host", text_formats::is_host, form_errors::invalid_host());
  c.required_integer("port", enabled);
  c.at_least("port", 0);
  c.one_of("authMethod", {"PLAIN", "LOGIN"});
  c.format("localName", text_formats::is_host, form_errors::invalid_host());
}

void check_s3(Checker& c) {
  bool enabled = c.flag("enabled");
  c.format("endpoint", text_formats::is_url, form_errors::invalid_url());
  for (const char* key : {"endpoint", "bucket", "region", "accessKey", "secret"}) c.required_text(key, enabled);
}

void check_backups(Checker& c, const json& backups, json& errors) {
  json s3_errors = json::object();
  Checker s3(backups.at("s3"), s3_errors);
  check_s3(s3);
  if (!s3_errors.empty()) errors["s3"] = std::move(s3_errors);
  std::string cron = c.text("cron");
  if (!cron.empty())
    if (auto problem = cron_expression_error(cron))
      c.fail("cron", form_errors::item("validation_invalid_cron", *problem));
  c.required_integer("cronMaxKeep", !cron.empty());
  c.at_least("cronMaxKeep", 1);
}

void check_batch(Checker& c) {
  bool enabled = c.flag("enabled");
  for (const char* key : {"maxRequests", "timeout"}) {
    c.required_integer(key, enabled);
    c.at_least(key, 0);
  }
  c.at_least("maxBodySize", 0);
}

/// FastCMS's sms block: the provider's required members, and url an http(s) URL.
void check_sms(Checker& c) {
  c.one_of("provider", {"twilio", "webhook"});
  std::string provider = c.text("provider");
  for (const char* key : {"accountSid", "authToken", "from"}) c.required_text(key, provider == "twilio");
  c.required_text("url", provider == "webhook");
  c.format("url", text_formats::is_url, form_errors::invalid_url());
}

/// PocketBase's checkUniqueRuleLabel: label@@audience keys must not prefix one another.
std::optional<json> conflicting_rule(const json& rules) {
  std::vector<std::string> seen;
  for (size_t i = 0; i < rules.size(); ++i) {
    std::string label = rules[i].value("label", "");
    std::string key = label + "@@" + rules[i].value("audience", "");
    for (const auto& other : seen) {
      if (other.starts_with(key) || key.starts_with(other)) {
        json item = form_errors::item(
            "validation_conflicting_rate_limit_rule",
            "Rate limit rule configuration with label " + label + " already exists or conflicts with another rule.",
            {{"label", label}});
        return json{{std::to_string(i), {{"label", std::move(item)}}}};
      }
    }
    seen.push_back(key);
  }
  return std::nullopt;
}

void check_rule(Checker& c) {
  static const std::regex label_form(R"(^(\w+ /[\w/-]*|/[\w/-]*|\w+:\w+|\*:\w+|\w+)$)");
  c.required_text("label");
  c.format(
      "label", [](std::string_view v) { return std::regex_match(std::string(v), label_form); },
      form_errors::invalid_format());
  for (const char* key : {"maxRequests", "duration"}) {
    c.required_integer(key);
    c.at_least(key, 1);
  }
  c.one_of("audience", {"@guest", "@auth"});
}

void check_rate_limits(Checker& c, const json& rate_limits, json& errors) {
  const json& rules = rate_limits.at("rules");
  if (c.flag("enabled") && rules.empty()) return c.fail("rules", form_errors::required());
  if (auto conflict = conflicting_rule(rules)) return c.fail("rules", std::move(*conflict));
  json rule_errors = json::object();
  for (size_t i = 0; i < rules.size(); ++i) {
    json one = json::object();
    Checker rule(rules[i], one);
    check_rule(rule);
    if (!one.empty()) rule_errors[std::to_string(i)] = std::move(one);
  }
  if (!rule_errors.empty()) errors["rules"] = std::move(rule_errors);
}

}  // namespace

json settings_errors(const json& settings) {
  json errors = json::object();
  check_object(settings, "meta", errors, [](Checker& c, json&) { check_meta(c); });
  check_object(settings, "logs", errors, [](Checker& c, json&) { c.at_least("maxDays", 0); });
  check_object(settings, "smtp", errors, [](Checker& c, json&) { check_smtp(c); });
  check_object(settings, "s3", errors, [](Checker& c, json&) { check_s3(c); });
  check_object(settings, "backups", errors, [&](Checker& c, json& e) { check_backups(c, settings.at("backups"), e); });
  check_object(settings, "batch", errors, [](Checker& c, json&) { check_batch(c); });
  check_object(settings, "rateLimits", errors,
               [&](Checker& c, json& e) { check_rate_limits(c, settings.at("rateLimits"), e); });
  check_object(settings, "sms", errors, [](Checker& c, json&) { check_sms(c); });
  return errors;
}

}  // namespace fastcms::core::settings
