#include "core/auth/request_email_change.h"

#include "core/auth/auth_record_lookup.h"
#include "core/auth/auth_response.h"
#include "core/auth/require_auth.h"
#include "core/auth/string_form.h"
#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

ApiStatus request_email_change(db::Connection& db, const collections::Collection& collection,
                               const RequestContext& ctx, const json& body, const MailSetup& mail) {
  if (auto auth = require_auth_collection(collection); !auth.ok()) return auth;
  if (collection.name == superusers_collection)
    return ApiError::bad_request("All superusers can change their emails directly.");
  if (auto same = require_same_collection_auth(ctx, collection); !same.ok()) return same;
  auto form = bind_string_form(body, {"newEmail"});
  if (!form) return form_load_failed();
  const std::string& new_email = form->at("newEmail");

  auto record = find_record_by_id(db, collection, ctx.auth_id());
  if (!record.ok()) return ApiError::from(record.error());
  if (!record->has_value()) return ApiError::unauthorized("The request requires valid record authorization token.");
  const json& current = **record;

  json error = email_field_error(new_email);
  if (error.is_null() && new_email == current.value("email", std::string()))
    error = form_errors::item("validation_not_in_invalid", "Must not be in list.");
  if (error.is_null()) {
    auto taken = find_record_by_email(db, collection, new_email);
    if (!taken.ok()) return ApiError::from(taken.error());
    if (taken->has_value() && (**taken).value("id", std::string()) != current.value("id", std::string()))
      error = form_errors::item("validation_invalid_new_email", "Invalid new email address.");
  }
  if (!error.is_null()) return form_invalid({{"newEmail", error}});

  if (auto sent = send_email_change_mail(mail, collection, current, new_email); !sent.ok())
    return ApiError::bad_request("Failed to request email change.");
  return Ok{};
}

}  // namespace fastcms::core::auth
