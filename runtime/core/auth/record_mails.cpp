#include "core/auth/record_mails.h"

#include <iostream>

#include "core/auth/record_token.h"
#include "core/collections/collection_defaults.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

/// The object at `key` ("otp" and "authAlert" name their nested emailTemplate) in `options`.
const json* template_in(const json& options, std::string_view key) {
  if (!options.is_object()) return nullptr;
  const json* found = nullptr;
  if (key == "otp" || key == "authAlert") {
    auto outer = options.find(std::string(key));
    if (outer == options.end() || !outer->is_object()) return nullptr;
    auto inner = outer->find("emailTemplate");
    if (inner != outer->end()) found = &*inner;
  } else if (auto it = options.find(std::string(key)); it != options.end()) {
    found = &*it;
  }
  return found && found->is_object() && found->contains("subject") && found->contains("body") ? found : nullptr;
}

std::string record_email(const json& record) {
  auto it = record.find("email");
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// {RECORD:<field>} for every visible field with a scalar value, as PocketBase offers them.
mail::TemplateValues record_values(const collections::Collection& collection, const json& record) {
  mail::TemplateValues values;
  for (const auto& field : collection.fields) {
    auto hidden = field.options.find("hidden");
    if ((hidden != field.options.end() && hidden->is_boolean() && hidden->get<bool>()) || field.type == "password")
      continue;
    auto it = record.find(field.name);
    if (it == record.end()) continue;
    if (it->is_string()) values["RECORD:" + field.name] = it->get<std::string>();
    else if (it->is_number() || it->is_boolean()) values["RECORD:" + field.name] = it->dump();
  }
  return values;
}

Status send_template(const MailSetup& setup, const collections::Collection& collection, const json& record,
                     std::string_view template_key, const std::string& to, mail::TemplateValues values,
                     std::string_view kind_header) {
  if (to.empty()) return Error::usage("the " + collection.name + " record has no email address to send to");
  mail::TemplateValues all = record_values(collection, record);
  for (auto& [name, value] : values) all[name] = std::move(value);
  auto message = mail::render_email_template(collection_email_template(collection, template_key), setup.settings, to, all);
  message.headers.emplace_back("X-Fastcms-Mail", std::string(kind_header));
  return setup.mailer.send(message);
}

Status send_token_mail(const MailSetup& setup, const collections::Collection& collection, const json& record,
                       TokenKind kind, std::string_view template_key, const std::string& to,
                       const std::string& new_email = "") {
  TokenOptions options;
  options.new_email = new_email;
  auto token = issue_token(collection, record, kind, setup.project_secret, options);
  if (!token.ok()) return token.error();
  return send_template(setup, collection, record, template_key, to, {{"TOKEN", *token}}, token_kind_name(kind));
}

}  // namespace

json collection_email_template(const collections::Collection& collection, std::string_view key) {
  if (const json* declared = template_in(collection.definition, key)) return *declared;
  if (const json* fallback = template_in(collections::auth_option_defaults(), key)) return *fallback;
  return json::object();
}

Status send_verification_mail(const MailSetup& setup, const collections::Collection& collection, const json& record) {
  return send_token_mail(setup, collection, record, TokenKind::verification, "verificationTemplate",
                         record_email(record));
}

Status send_password_reset_mail(const MailSetup& setup, const collections::Collection& collection,
                                const json& record) {
  return send_token_mail(setup, collection, record, TokenKind::password_reset, "resetPasswordTemplate",
                         record_email(record));
}

Status send_email_change_mail(const MailSetup& setup, const collections::Collection& collection, const json& record,
                              const std::string& new_email) {
  return send_token_mail(setup, collection, record, TokenKind::email_change, "confirmEmailChangeTemplate", new_email,
                         new_email);
}

Status send_otp_mail(const MailSetup& setup, const collections::Collection& collection, const json& record,
                     const std::string& otp_id, const std::string& code) {
  return send_template(setup, collection, record, "otp", record_email(record), {{"OTP_ID", otp_id}, {"OTP", code}},
                       "otp");
}

Status send_login_alert_mail(const MailSetup& setup, const collections::Collection& collection, const json& record,
                             const std::string& alert_info) {
  return send_template(setup, collection, record, "authAlert", record_email(record), {{"ALERT_INFO", alert_info}},
                       "loginAlert");
}

void log_unreported_mail_failure(const Status& sent, std::string_view what) {
  if (!sent.ok()) std::cerr << "failed to send the " << what << " mail: " << sent.error().message << std::endl;
}

}  // namespace fastcms::core::auth
