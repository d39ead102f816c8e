#include "core/records/api_transaction.h"
#include "core/records/record_draft.h"
#include "core/records/record_rows.h"
#include "core/records/record_save.h"
#include "core/records/record_write.h"
#include "core/records/rule_check.h"
#include "core/records/rule_subject.h"

namespace fastcms::core::records {
using nlohmann::json;

namespace {

constexpr const char* update_failed = "Failed to update record.";

/// The id a body asks for, when it differs from the stored one.
FieldErrors primary_key_change(const RecordDraft& draft, std::string_view id) {
  FieldErrors errors;
  if (!draft.was_submitted("id")) return errors;
  const json& given = draft.submitted["id"];
  if (!given.is_string() || given.get<std::string>() != id)
    errors.add("id", {"validation_pk_change", "The record primary key cannot be changed."});
  return errors;
}

}  // namespace

ApiResult<json> update_record(db::Connection& db, const collections::Schema& schema,
                              const collections::Collection& collection, const RequestContext& ctx,
                              std::string_view id, const json& body, const RecordFiles& files) {
  if (collection.type == "view") return ApiError::bad_request(unsupported_collection_message);
  const bool bypass = ctx.bypasses_rules();
  if (!bypass && !collection.update_rule) return ApiError::forbidden(superusers_only_message);
  if (!body.is_null() && !body.is_object()) return ApiError::bad_request(unreadable_body_message);

  return in_transaction<json>(db, update_failed, [&](db::Connection& tx) -> ApiResult<json> {
    auto stored = load_record(tx, collection, id);
    if (!stored) return ApiError::bad_request(update_failed);
    if (!stored->has_value()) return ApiError::not_found();
    const json& original = **stored;

    RecordDraft draft = make_draft(collection, original, body.is_object() ? body : json::object(),
                                   DraftOptions{.may_set_hidden = bypass, .is_new = false, .uploads = files.uploads});
    RequestContext rule_ctx = ctx;
    rule_ctx.info.body = request_body(draft);
    const auto subject = RuleSubject::stored(id);
    if (!bypass) {
      // Checked against the stored record, so `:changed` compares the body with it.
      auto holds = rule_holds(tx, schema, collection, rule_ctx, *collection.update_rule, subject);
      if (!holds.ok() || !*holds) return ApiError::not_found();
    }

    SaveOptions options;
    options.is_new = false;
    options.manage_access = has_manage_access(tx, schema, collection, rule_ctx, subject);
    options.storage = files.storage;
    options.failure_message = update_failed;
    options.prior_errors = primary_key_change(draft, id);
    return save_draft(tx, schema, collection, original, draft, options);
  });
}

}  // namespace fastcms::core::records
