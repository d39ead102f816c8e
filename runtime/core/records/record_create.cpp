#include "core/records/api_transaction.h"
#include "core/records/record_draft.h"
#include "core/records/record_save.h"
#include "core/records/record_write.h"
#include "core/records/rule_check.h"
#include "core/records/rule_subject.h"

namespace fastcms::core::records {
using nlohmann::json;

namespace {

constexpr const char* create_failed = "Failed to create record.";

bool blank_rule(const std::string& rule) { return rule.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

ApiResult<json> create_record(db::Connection& db, const collections::Schema& schema,
                              const collections::Collection& collection, const RequestContext& ctx, const json& body,
                              const RecordFiles& files) {
  if (collection.type == "view") return ApiError::bad_request(unsupported_collection_message);
  const bool bypass = ctx.bypasses_rules();
  if (!bypass && !collection.create_rule) return ApiError::forbidden(superusers_only_message);
  if (!body.is_null() && !body.is_object()) return ApiError::bad_request(unreadable_body_message);

  return in_transaction<json>(db, create_failed, [&](db::Connection& tx) -> ApiResult<json> {
    const json original = blank_record(collection);
    RecordDraft draft = make_draft(collection, original, body.is_object() ? body : json::object(),
                                   DraftOptions{.may_set_hidden = bypass, .is_new = true, .uploads = files.uploads});
    RequestContext rule_ctx = ctx;
    rule_ctx.info.body = request_body(draft);

    bool manage = bypass;
    if (!bypass) {
      // PocketBase checks the rules with `verified` unset, so that a client cannot pass a
      // rule (e.g. a manageRule) by marking its own new record verified.
      json candidate = draft.values;
      if (collection.is_auth() && candidate.contains("verified")) candidate["verified"] = false;
      const auto subject = RuleSubject::new_record(candidate);
      if (!blank_rule(*collection.create_rule)) {
        auto holds = rule_holds(tx, schema, collection, rule_ctx, *collection.create_rule, subject);
        if (!holds.ok() || !*holds) return ApiError::bad_request(create_failed);
      }
      manage = has_manage_access(tx, schema, collection, rule_ctx, subject);
    }
    SaveOptions options;
    options.is_new = true;
    options.manage_access = manage;
    options.storage = files.storage;
    options.failure_message = create_failed;
    return save_draft(tx, schema, collection, original, draft, options);
  });
}

}  // namespace fastcms::core::records
