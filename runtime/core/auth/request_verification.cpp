#include "core/auth/request_verification.h"

#include "core/auth/auth_record_lookup.h"
#include "core/auth/auth_response.h"
#include "core/auth/string_form.h"
#include "core/request_context.h"

namespace fastcms::core::auth {

ApiStatus request_verification(db::Connection& db, const collections::Collection& collection,
                               const nlohmann::json& body, const MailSetup& mail) {
  if (auto auth = require_auth_collection(collection); !auth.ok()) return auth;
  if (collection.name == superusers_collection) return ApiError::bad_request("All superusers are verified by default.");
  auto form = bind_string_form(body, {"email"});
  if (!form) return form_load_failed();
  const std::string& email = form->at("email");
  if (auto error = email_field_error(email); !error.is_null()) return form_invalid({{"email", error}});

  auto record = find_record_by_email(db, collection, email);
  if (!record.ok()) return ApiError::from(record.error());
  if (!record->has_value() || (**record).value("verified", false) == true) return Ok{};
  log_unreported_mail_failure(send_verification_mail(mail, collection, **record), "verification");
  return Ok{};
}

}  // namespace fastcms::core::auth
