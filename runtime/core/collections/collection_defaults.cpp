#include "core/collections/collection_defaults.h"

#include <map>

namespace fastcms::core::collections {
using nlohmann::json;

namespace {

json email_template(const char* subject, const char* body) { return {{"subject", subject}, {"body", body}}; }

const char* verification_body = R"(<p>Hello,</p>
<p>Thank you for joining us at {APP_NAME}.</p>
<p>Click on the button below to verify your email address.</p>
<p>
  <a class="btn" href="{APP_URL}/_/#/auth/confirm-verification/{TOKEN}" target="_blank" rel="noopener">Verify</a>
</p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>)";

const char* reset_password_body = R"(<p>Hello,</p>
<p>Click on the button below to reset your password.</p>
<p>
  <a class="btn" href="{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}" target="_blank" rel="noopener">Reset password</a>
</p>
<p><i>If you didn't ask to reset your password, you can ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>)";

const char* confirm_email_change_body = R"(<p>Hello,</p>
<p>Click on the button below to confirm your new email address.</p>
<p>
  <a class="btn" href="{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}" target="_blank" rel="noopener">Confirm new email</a>
</p>
<p><i>If you didn't ask to change your email address, you can ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>)";

const char* otp_body = R"(<p>Hello,</p>
<p>Your one-time password is: <strong>{OTP}</strong></p>
<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>)";

const char* magic_link_body = R"(<p>Hello,</p>
<p>Click on the button below to sign in to {APP_NAME}.</p>
<p>
  <a class="btn" href="{LINK}" target="_blank" rel="noopener">Sign in</a>
</p>
<p><i>If you didn't ask for this link, you can ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>)";

const char* auth_alert_body = R"(<p>Hello,</p>
<p>We noticed a login to your {APP_NAME} account from a new location:</p>
<p><em>{ALERT_INFO}</em></p>
<p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password to revoke access from all other locations.</strong></p>
<p>If this was you, you may disregard this email.</p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>)";

json with_common(json options, bool has_help_and_required) {
  options["system"] = false;
  options["hidden"] = false;
  options["presentable"] = false;
  if (has_help_and_required) {
    options["help"] = "";
    options["required"] = false;
  }
  return options;
}

const std::map<std::string, json>& option_defaults_by_type() {
  static const std::map<std::string, json> table = {
      {"text", with_common({{"min", 0}, {"max", 0}, {"pattern", ""}, {"autogeneratePattern", ""}, {"primaryKey", false}},
                           true)},
      {"number", with_common({{"min", nullptr}, {"max", nullptr}, {"onlyInt", false}}, true)},
      {"bool", with_common(json::object(), true)},
      {"email", with_common({{"exceptDomains", nullptr}, {"onlyDomains", nullptr}}, true)},
      {"url", with_common({{"exceptDomains", nullptr}, {"onlyDomains", nullptr}}, true)},
      {"editor", with_common({{"maxSize", 0}, {"convertURLs", false}}, true)},
      {"date", with_common({{"min", ""}, {"max", ""}}, true)},
      {"autodate", with_common({{"onCreate", false}, {"onUpdate", false}}, false)},
      {"select", with_common({{"values", json::array()}, {"maxSelect", 0}}, true)},
      {"file", with_common({{"maxSize", 0},
                            {"maxSelect", 0},
                            {"mimeTypes", nullptr},
                            {"thumbs", nullptr},
                            {"protected", false}},
                           true)},
      {"relation", with_common({{"collectionId", ""}, {"cascadeDelete", false}, {"minSelect", 0}, {"maxSelect", 0}},
                               true)},
      {"json", with_common({{"maxSize", 0}}, true)},
      {"password", with_common({{"pattern", ""}, {"min", 0}, {"max", 0}, {"cost", 0}}, true)},
      {"geoPoint", with_common(json::object(), true)},
  };
  return table;
}

}  // namespace

bool is_field_type(const std::string& type) { return option_defaults_by_type().count(type) > 0; }

const json& field_option_defaults(const std::string& type) {
  const auto& table = option_defaults_by_type();
  static const json unknown = with_common(json::object(), false);
  auto it = table.find(type);
  return it == table.end() ? unknown : it->second;
}

const json& auth_option_defaults() {
  static const json defaults = {
      {"authRule", ""},
      {"manageRule", nullptr},
      {"authAlert", {{"enabled", true}, {"emailTemplate", email_template("Login from a new location", auth_alert_body)}}},
      {"oauth2",
       {{"enabled", false},
        {"providers", json::array()},
        {"mappedFields", {{"id", ""}, {"name", ""}, {"username", ""}, {"avatarURL", ""}}}}},
      {"passwordAuth", {{"enabled", true}, {"identityFields", {"email"}}}},
      {"mfa", {{"enabled", false}, {"duration", 600}, {"rule", ""}}},
      {"otp",
       {{"enabled", false},
        {"duration", 180},
        {"length", 8},
        {"emailTemplate", email_template("OTP for {APP_NAME}", otp_body)}}},
      // FastCMS additions: sign-in links by email and one-time codes by SMS.
      {"magicLink",
       {{"enabled", false},
        {"duration", 900},
        {"emailTemplate", email_template("Sign in to {APP_NAME}", magic_link_body)}}},
      {"sms", {{"enabled", false}, {"duration", 300}, {"length", 6}, {"phoneField", "phone"}}},
      {"authToken", {{"duration", 432000}}},
      {"passwordResetToken", {{"duration", 1800}}},
      {"emailChangeToken", {{"duration", 1800}}},
      {"verificationToken", {{"duration", 86400}}},
      {"fileToken", {{"duration", 180}}},
      {"verificationTemplate", email_template("Verify your {APP_NAME} email", verification_body)},
      {"resetPasswordTemplate", email_template("Reset your {APP_NAME} password", reset_password_body)},
      {"confirmEmailChangeTemplate",
       email_template("Confirm your {APP_NAME} new email address", confirm_email_change_body)},
  };
  return defaults;
}

bool is_auth_option(const std::string& key) { return auth_option_defaults().contains(key); }

void merge_into(json& base, const json& patch) {
  if (!patch.is_object() || !base.is_object()) {
    base = patch;
    return;
  }
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    auto existing = base.find(it.key());
    if (existing != base.end() && existing->is_object() && it->is_object())
      merge_into(*existing, *it);
    else
      base[it.key()] = *it;
  }
}

}  // namespace fastcms::core::collections
