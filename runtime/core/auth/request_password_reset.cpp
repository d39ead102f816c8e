#include "core/auth/request_password_reset.h"

#include "core/auth/auth_options.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/auth_response.h"
#include "core/auth/string_form.h"

namespace fastcms::core::auth {

ApiStatus request_password_reset(db::Connection& db, const collections::Collection& collection,
                                 const nlohmann::json& body, const MailSetup& mail) {
  if (auto auth = require_auth_collection(collection); !auth.ok()) return auth;
  if (!password_auth_options(collection).enabled)
    return ApiError::bad_request("The collection is not configured to allow password authentication.");
  auto form = bind_string_form(body, {"email"});
  if (!form) return form_load_failed();
  const std::string& email = form->at("email");
  if (auto error = email_field_error(email); !error.is_null()) return form_invalid({{"email", error}});

  auto record = find_record_by_email(db, collection, email);
  if (!record.ok()) return ApiError::from(record.error());
  if (!record->has_value()) return Ok{};
  log_unreported_mail_failure(send_password_reset_mail(mail, collection, **record), "password reset");
  return Ok{};
}

}  // namespace fastcms::core::auth
