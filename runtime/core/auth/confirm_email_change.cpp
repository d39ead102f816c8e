#include "core/auth/confirm_email_change.h"

#include "core/auth/auth_record_lookup.h"
#include "core/auth/auth_response.h"
#include "core/auth/form_token.h"
#include "core/auth/password_hash.h"
#include "core/auth/string_form.h"
#include "core/form_errors.h"
#include "core/records/api_transaction.h"
#include "core/records/record_write.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr size_t max_password_length = 100;
constexpr const char* saving_failed = "Failed to confirm email change.";

/// The record and new email of a good token, or the data.token error item.
struct EmailChangeToken {
  std::optional<json> record;
  std::string new_email;
  json error;
};

EmailChangeToken parse_email_change_token(db::Connection& db, const collections::Schema& schema,
                                          const collections::Collection& collection, const std::string& token,
                                          std::string_view project_secret) {
  if (token.empty()) return {std::nullopt, "", form_errors::required()};
  std::string new_email = unverified_claim(token, "newEmail");
  if (new_email.empty())
    return {std::nullopt, "",
            form_errors::item("validation_invalid_token_payload", "Invalid token payload - newEmail must be set.")};
  FormToken checked = check_form_token(db, schema, collection, token, TokenKind::email_change, project_secret);
  if (!checked.found) return {std::nullopt, "", checked.error};
  auto taken = find_record_by_email(db, collection, new_email);
  if (!taken.ok() || taken->has_value())
    return {std::nullopt, "", form_errors::item("validation_invalid_token_email", "The new email address is invalid.")};
  return {std::move(checked.found->record), new_email, nullptr};
}

}  // namespace

ApiStatus confirm_email_change(db::Connection& db, const collections::Schema& schema,
                               const collections::Collection& collection, const json& body,
                               std::string_view project_secret) {
  if (auto auth = require_auth_collection(collection); !auth.ok()) return auth;
  if (collection.name == superusers_collection)
    return ApiError::bad_request("All superusers can change their emails directly.");
  auto form = bind_string_form(body, {"token", "password"});
  if (!form) return form_load_failed();
  const std::string& password = form->at("password");

  return records::in_transaction<Ok>(db, saving_failed, [&](db::Connection& tx) -> ApiStatus {
    EmailChangeToken parsed = parse_email_change_token(tx, schema, collection, form->at("token"), project_secret);
    json errors = json::object();
    if (!parsed.record) errors["token"] = parsed.error;
    if (password.empty()) {
      errors["password"] = form_errors::required();
    } else if (password.size() > max_password_length) {
      errors["password"] = form_errors::length_out_of_range(1, max_password_length);
    } else if (!parsed.record || !verify_password(password, parsed.record->value("password", std::string()))) {
      errors["password"] =
          form_errors::item("validation_invalid_password", "Missing or invalid auth record password.");
    }
    if (!errors.empty()) return form_invalid(std::move(errors));

    return save_confirmed_change(tx, schema, collection, parsed.record->value("id", std::string()),
                                 {{"email", parsed.new_email}, {"verified", true}}, saving_failed);
  });
}

}  // namespace fastcms::core::auth
