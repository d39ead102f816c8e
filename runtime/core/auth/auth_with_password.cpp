#include "core/auth/auth_with_password.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "common/random.h"
#include "common/text_formats.h"
#include "core/auth/auth_options.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/complete_auth.h"
#include "core/auth/identity_index.h"
#include "core/auth/password_hash.h"
#include "core/auth/record_token.h"
#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr size_t max_form_value_length = 255;

struct PasswordForm {
  std::string identity, password, identity_field;
};

/// The body as the form, or nullopt when it is not an object or a member is not a string.
std::optional<PasswordForm> bind_password_form(const json& body) {
  if (!body.is_object()) return std::nullopt;
  PasswordForm form;
  for (auto [key, target] : {std::pair{"identity", &form.identity}, std::pair{"password", &form.password},
                             std::pair{"identityField", &form.identity_field}}) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return std::nullopt;
    *target = it->get<std::string>();
  }
  return form;
}

json validate_password_form(const PasswordForm& form, const PasswordAuthOptions& options) {
  json errors = json::object();
  auto check_length = [&](const char* key, const std::string& value, bool required) {
    if (value.empty()) {
      if (required) errors[key] = form_errors::required();
    } else if (value.size() > max_form_value_length) {
      errors[key] = form_errors::length_out_of_range(1, max_form_value_length);
    }
  };
  check_length("identity", form.identity, true);
  check_length("password", form.password, true);
  check_length("identityField", form.identity_field, false);
  const auto& fields = options.identity_fields;
  if (!errors.contains("identityField") && !form.identity_field.empty() &&
      std::find(fields.begin(), fields.end(), form.identity_field) == fields.end())
    errors["identityField"] = form_errors::not_in_list();
  return errors;
}

/// The record whose identity field `field` equals `identity`; nullopt when there is none.
/// A field without a unique index cannot identify a record: that is a server error.
Result<std::optional<json>> find_by_identity(db::Connection& db, const collections::Collection& collection,
                                             const std::string& field, const std::string& identity) {
  auto lookup = identity_lookup(collection, field);
  if (!lookup)
    return Error::failure("identity field \"" + field + "\" of collection \"" + collection.name +
                          "\" has no single-column unique index");
  return find_record_by_field(db, collection, field, identity, lookup->ignore_case);
}

/// PocketBase's search order: identityField when given; else email first for an
/// email-looking identity, then each identity field (email only for email-looking ones).
Result<std::optional<json>> find_login_record(db::Connection& db, const collections::Collection& collection,
                                              const PasswordForm& form, const PasswordAuthOptions& options) {
  if (!form.identity_field.empty()) return find_by_identity(db, collection, form.identity_field, form.identity);
  const auto& fields = options.identity_fields;
  bool looks_like_email = text_formats::is_email_address(form.identity);
  Result<std::optional<json>> found = std::optional<json>();
  if (looks_like_email && std::find(fields.begin(), fields.end(), "email") != fields.end()) {
    found = find_by_identity(db, collection, "email", form.identity);
    if (found.ok() && found->has_value()) return found;
  }
  // A field that fails (no unique index) does not stop the search; the last failure is
  // reported only when no field found the record.
  for (const auto& field : fields) {
    if (field == "email") continue;  // searched above, or the identity is not an email
    found = find_by_identity(db, collection, field, form.identity);
    if (found.ok() && found->has_value()) return found;
  }
  return found;
}

/// The bcrypt cost the collection's password field hashes with (PocketBase: 0 → 10).
int password_cost(const collections::Collection& collection) {
  const auto* field = collection.field("password");
  if (!field) return default_bcrypt_cost;
  auto cost = field->options.find("cost");
  if (cost == field->options.end() || !cost->is_number_integer()) return default_bcrypt_cost;
  int value = cost->get<int>();
  return value >= 4 && value <= 31 ? value : default_bcrypt_cost;
}

/// A hash of a random password at `cost`, made once per cost: checking a password against it
/// takes as long as checking a real one, and never succeeds.
const std::string& dummy_hash(int cost) {
  static std::mutex mutex;
  static std::map<int, std::string> hashes;
  std::lock_guard lock(mutex);
  auto it = hashes.find(cost);
  if (it == hashes.end()) {
    auto hash = hash_password(random::token(30), cost);
    it = hashes.emplace(cost, hash.ok() ? *hash : std::string()).first;
  }
  return it->second;
}

/// Whether `password` is the password of `record` (nullopt: no such record). Records that
/// do not exist or have no usable hash cost one bcrypt check against a dummy hash, so the
/// answer takes the same time whichever part of the login was wrong.
bool password_matches(const std::optional<json>& record, const std::string& password,
                      const collections::Collection& collection) {
  std::string hash = record ? record->value("password", "") : "";
  if (hash.starts_with("$2")) return verify_password(password, hash);
  verify_password(password, dummy_hash(password_cost(collection)));
  return false;
}

}  // namespace

ApiResult<AuthResponse> auth_with_password(db::Connection& db, const collections::Schema& schema,
                                           const collections::Collection& collection, const json& body,
                                           const RequestContext& ctx, std::string_view project_secret) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = password_auth_options(collection);
  if (!options.enabled)
    return ApiError::forbidden("The collection is not configured to allow password authentication.");
  auto form = bind_password_form(body);
  if (!form) return ApiError::bad_request(form_errors::load_failed_message);
  if (json errors = validate_password_form(*form, options); !errors.empty())
    return ApiError::bad_request(form_errors::validation_failed_message, std::move(errors));

  auto record = find_login_record(db, collection, *form, options);
  if (!record) return ApiError::internal();
  if (!password_matches(*record, form->password, collection)) return ApiError::bad_request("Failed to authenticate.");

  AuthAttempt attempt{&collection, std::move(**record), "password", mfa_id_from(body, ctx), nullptr};
  return complete_auth(db, schema, std::move(attempt), ctx, project_secret);
}

}  // namespace fastcms::core::auth
