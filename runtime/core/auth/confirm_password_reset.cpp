#include "core/auth/confirm_password_reset.h"

#include "core/auth/auth_response.h"
#include "core/auth/form_token.h"
#include "core/auth/string_form.h"
#include "core/form_errors.h"
#include "core/records/api_transaction.h"
#include "core/records/record_write.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr size_t max_password_length = 255;
constexpr const char* saving_failed = "Failed to set new password.";

/// The password field's `min` when positive, else 1 (PocketBase's form bound; the field's
/// own validation checks the rest when the record is saved).
long long password_min_length(const collections::Collection& collection) {
  const auto* field = collection.field("password");
  if (!field) return 1;
  auto it = field->options.find("min");
  return it != field->options.end() && it->is_number_integer() && it->get<long long>() > 0 ? it->get<long long>() : 1;
}

void check_new_password(json& errors, const collections::Collection& collection, const std::string& password,
                        const std::string& confirm) {
  long long min = password_min_length(collection);
  if (password.empty())
    errors["password"] = form_errors::required();
  else if (static_cast<long long>(password.size()) < min || password.size() > max_password_length)
    errors["password"] = form_errors::length_out_of_range(min, max_password_length);
  if (confirm.empty())
    errors["passwordConfirm"] = form_errors::required();
  else if (confirm != password)
    errors["passwordConfirm"] = form_errors::item("validation_values_mismatch", "Values don't match.");
}

}  // namespace

ApiStatus confirm_password_reset(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, const json& body,
                                 std::string_view project_secret) {
  if (auto auth = require_auth_collection(collection); !auth.ok()) return auth;
  auto form = bind_string_form(body, {"token", "password", "passwordConfirm"});
  if (!form) return form_load_failed();
  const std::string& token = form->at("token");
  const std::string& password = form->at("password");

  return records::in_transaction<Ok>(db, saving_failed, [&](db::Connection& tx) -> ApiStatus {
    FormToken checked = check_form_token(tx, schema, collection, token, TokenKind::password_reset, project_secret);
    json errors = json::object();
    if (!checked.found) errors["token"] = checked.error;
    check_new_password(errors, collection, password, form->at("passwordConfirm"));
    if (!errors.empty()) return form_invalid(std::move(errors));

    const json& record = checked.found->record;
    json changes = {{"password", password}, {"passwordConfirm", password}};
    if (record.value("verified", false) != true &&
        record.value("email", std::string()) == unverified_claim(token, "email"))
      changes["verified"] = true;
    return save_confirmed_change(tx, schema, collection, record.value("id", std::string()), changes, saving_failed);
  });
}

}  // namespace fastcms::core::auth
