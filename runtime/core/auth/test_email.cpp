#include "core/auth/test_email.h"

#include <array>

#include "common/datetime.h"
#include "common/random.h"
#include "core/auth/string_form.h"
#include "core/form_errors.h"
#include "core/request_context.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr size_t max_collection_length = 255;
constexpr size_t token_key_length = 50;
constexpr std::array<std::string_view, 5> test_templates = {"verification", "password-reset", "email-change", "otp",
                                                            "login-alert"};

json stand_in_record(const collections::Collection& collection, const std::string& email) {
  json record = json::object();
  for (const auto& field : collection.fields) {
    auto hidden = field.options.find("hidden");
    if (hidden != field.options.end() && hidden->is_boolean() && hidden->get<bool>()) continue;
    record[field.name] = "__pb_test_" + field.name + "__";
  }
  record["tokenKey"] = random::token(token_key_length);
  record["email"] = email;
  return record;
}

Status send_template_mail(const MailSetup& mail, const collections::Collection& collection, const json& record,
                          const std::string& which, const std::string& email) {
  if (which == "verification") return send_verification_mail(mail, collection, record);
  if (which == "password-reset") return send_password_reset_mail(mail, collection, record);
  if (which == "email-change") return send_email_change_mail(mail, collection, record, email);
  if (which == "otp") return send_otp_mail(mail, collection, record, "_PB_TEST_OTP_ID_", "123456");
  return send_login_alert_mail(mail, collection, record, datetime::now() + " - 127.0.0.1 TEST_USER_AGENT");
}

}  // namespace

ApiStatus send_test_email(const collections::Schema& schema, const json& body, const MailSetup& mail) {
  auto form = bind_string_form(body, {"email", "template", "collection"});
  if (!form) return form_load_failed();
  const std::string& email = form->at("email");
  const std::string& which = form->at("template");
  const std::string& collection_name = form->at("collection");

  json errors = json::object();
  const collections::Collection* collection =
      schema.find(collection_name.empty() ? std::string(superusers_collection) : collection_name);
  if (collection_name.size() > max_collection_length)
    errors["collection"] = form_errors::length_out_of_range(1, max_collection_length);
  else if (!collection || !collection->is_auth())
    errors["collection"] =
        form_errors::item("validation_invalid_auth_collection", "Must be a valid auth collection id or name.");
  if (auto error = email_field_error(email); !error.is_null()) errors["email"] = error;
  if (which.empty())
    errors["template"] = form_errors::required();
  else if (std::find(test_templates.begin(), test_templates.end(), which) == test_templates.end())
    errors["template"] = form_errors::not_in_list();
  if (!errors.empty()) return ApiError::bad_request("Failed to send the test email.", std::move(errors));

  auto sent = send_template_mail(mail, *collection, stand_in_record(*collection, email), which, email);
  if (!sent.ok()) return ApiError::bad_request("Failed to send the test email. Raw error: \n" + sent.error().message);
  return Ok{};
}

}  // namespace fastcms::core::auth
