#include "core/auth/confirm_verification.h"

#include "common/random.h"
#include "core/auth/auth_options.h"
#include "core/auth/auth_response.h"
#include "core/auth/form_token.h"
#include "core/auth/string_form.h"
#include "core/form_errors.h"
#include "core/records/api_transaction.h"
#include "core/records/record_write.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {
constexpr size_t random_password_length = 30;
constexpr const char* saving_failed = "An error occurred while saving the verified state.";
}

ApiStatus confirm_verification(db::Connection& db, const collections::Schema& schema,
                               const collections::Collection& collection, const json& body,
                               std::string_view project_secret) {
  if (auto auth = require_auth_collection(collection); !auth.ok()) return auth;
  if (collection.name == superusers_collection) return ApiError::bad_request("All superusers are verified by default.");
  auto form = bind_string_form(body, {"token"});
  if (!form) return form_load_failed();
  const std::string& token = form->at("token");

  std::string claimed_email = unverified_claim(token, "email");
  if (!token.empty() && claimed_email.empty())
    return form_invalid(
        {{"token", form_errors::item("validation_invalid_token_claims", "Missing email token claim.")}});

  return records::in_transaction<Ok>(db, saving_failed, [&](db::Connection& tx) -> ApiStatus {
    FormToken checked = check_form_token(tx, schema, collection, token, TokenKind::verification, project_secret);
    if (!checked.found) return form_invalid({{"token", checked.error}});
    const json& record = checked.found->record;
    if (record.value("email", std::string()) != claimed_email)
      return form_invalid({{"token", form_errors::item("validation_token_email_mismatch",
                                                       "The record email doesn't match with the requested token "
                                                       "claims.")}});
    if (record.value("verified", false) == true) return Ok{};

    json changes = {{"verified", true}};
    if (!password_auth_options(collection).enabled) {
      std::string password = random::token(random_password_length);
      changes["password"] = password;
      changes["passwordConfirm"] = password;
    }
    return save_confirmed_change(tx, schema, collection, record.value("id", std::string()), changes, saving_failed);
  });
}

}  // namespace fastcms::core::auth
