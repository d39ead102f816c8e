#include "core/records/record_save.h"

#include "core/events/record_event.h"

#include "common/datetime.h"
#include "core/records/auth_record_rules.h"
#include "core/records/autogenerate_pattern.h"
#include "core/records/password_field.h"
#include "core/records/record_json.h"
#include "core/records/record_rows.h"
#include "core/records/record_validation.h"

namespace fastcms::core::records {
using nlohmann::json;

namespace {

Status hash_passwords(const collections::Collection& collection, RecordDraft& draft) {
  for (const auto& [name, plain] : draft.passwords) {
    const auto* field = collection.field(name);
    if (!field) continue;
    auto hash = hash_field_password(*field, plain);
    if (!hash) return hash.error();
    draft.values[name] = std::move(*hash);
  }
  return Ok{};
}

/// PocketBase regenerates the token key when an auth record's password or email changes.
Status refresh_token_key(const collections::Collection& collection, const json& original, RecordDraft& draft) {
  const auto* token_key = collection.field("tokenKey");
  if (!collection.is_auth() || !token_key) return Ok{};
  auto password = draft.passwords.find("password");
  const bool password_changed = password != draft.passwords.end() && !password->second.empty();
  const bool email_changed = draft.values.value("email", json()) != original.value("email", json());
  if (!password_changed && !email_changed) return Ok{};
  if (draft.values["tokenKey"] != original.value("tokenKey", json())) return Ok{};  // set explicitly
  auto key = random_string_from_pattern(token_key->options.value("autogeneratePattern", std::string("[a-zA-Z0-9]{50}")));
  if (!key) return key.error();
  draft.values["tokenKey"] = std::move(*key);
  return Ok{};
}

}  // namespace

void stamp_autodates(const collections::Collection& collection, bool is_new, json& values) {
  const std::string now = datetime::now();
  for (const auto& f : collection.fields) {
    if (f.type != "autodate") continue;
    if (f.options.value(is_new ? "onCreate" : "onUpdate", false)) values[f.name] = now;
  }
}

ApiResult<json> save_draft(db::Connection& db, const collections::Schema& schema,
                           const collections::Collection& collection, const json& original, RecordDraft& draft,
                           const SaveOptions& options) {
  FieldErrors errors = options.prior_errors;
  errors.merge(check_auth_form(collection, original, draft, options.is_new, options.manage_access));
  if (auto checked = check_draft_references(db, schema, collection, original, draft); !checked)
    return ApiError::bad_request(options.failure_message);
  errors.merge(draft.errors);
  if (!errors.empty()) return validation_failed(options.failure_message, errors);

  if (auto hashed = hash_passwords(collection, draft); !hashed) return ApiError::bad_request(options.failure_message);
  if (!options.is_new)
    if (auto refreshed = refresh_token_key(collection, original, draft); !refreshed)
      return ApiError::bad_request(options.failure_message);
  stamp_autodates(collection, options.is_new, draft.values);

  auto written = options.is_new ? insert_record(db, collection, draft.values)
                                : update_record_row(db, collection, original.value("id", std::string()), draft.values);
  if (!written) {
    FieldErrors unique = unique_violation_errors(collection, written.error());
    if (!unique.empty()) return validation_failed(options.failure_message, unique);
    return ApiError::bad_request(options.failure_message);
  }
  FieldErrors upload_errors = store_new_files(db, options.storage, collection, draft.values, draft.new_files);
  if (!upload_errors.empty()) return validation_failed(options.failure_message, upload_errors);
  if (!options.is_new) files::discard_after_commit(db, replaced_files(collection, original, draft.values));
  json saved = record_as_stored(collection, draft.values);
  if (events::has_record_listeners(db))
    events::publish_record_event(db, {options.is_new ? events::RecordAction::create : events::RecordAction::update,
                                      collection.id, collection.name,
                                      options.is_new ? nlohmann::json() : original, saved});
  return saved;
}

}  // namespace fastcms::core::records
