#include "core/records/auth_record_rules.h"

#include "core/auth/password_hash.h"

namespace fastcms::core::records {
using nlohmann::json;

namespace {

FieldError mismatch() { return {"validation_values_mismatch", "Values don't match."}; }

std::string extra_text(const RecordDraft& d, const char* key) {
  if (!d.extra.contains(key)) return "";
  const json& v = d.extra[key];
  if (v.is_string()) return v.get<std::string>();
  return v.is_null() ? "" : v.dump();
}

/// The value the draft gives a field: the normalized one, or as submitted when invalid.
json effective(const RecordDraft& d, const std::string& name) {
  return d.errors.has(name) && d.was_submitted(name) ? d.submitted[name] : d.values[name];
}

json original_value(const collections::Collection& c, const json& original, const char* name) {
  if (original.contains(name)) return original[name];
  const auto* f = c.field(name);
  return f ? zero_value(*f) : json();
}

}  // namespace

FieldErrors check_auth_form(const collections::Collection& collection, const json& original, const RecordDraft& draft,
                            bool is_new, bool manage_access) {
  FieldErrors errors;
  if (!collection.is_auth()) return errors;

  if (!is_new && !manage_access && collection.field("email") &&
      effective(draft, "email") != original_value(collection, original, "email"))
    errors.add("email", mismatch());
  if (!manage_access && collection.field("verified") &&
      effective(draft, "verified") != original_value(collection, original, "verified"))
    errors.add("verified", mismatch());

  auto given = draft.passwords.find("password");
  const std::string password = given == draft.passwords.end() ? "" : given->second;
  const std::string confirm = extra_text(draft, "passwordConfirm");
  const std::string old_password = extra_text(draft, "oldPassword");

  if ((is_new || !confirm.empty() || !old_password.empty()) && password.empty())
    errors.add("password", required_field_error());
  if ((is_new || !password.empty() || !old_password.empty()) && confirm.empty())
    errors.add("passwordConfirm", required_field_error());
  else if (confirm != password)
    errors.add("passwordConfirm", mismatch());
  if (!is_new && !manage_access && (!password.empty() || !confirm.empty())) {
    const json hash = original_value(collection, original, "password");
    if (old_password.empty())
      errors.add("oldPassword", required_field_error());
    else if (!hash.is_string() || !auth::verify_password(old_password, hash.get<std::string>()))
      errors.add("oldPassword", {"validation_invalid_old_password", "Missing or invalid old password."});
  }
  return errors;
}

}  // namespace fastcms::core::records
