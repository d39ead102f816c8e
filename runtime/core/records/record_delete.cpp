#include "core/records/record_delete.h"

#include <algorithm>

#include "core/auth/external_auths_collection.h"
#include "core/events/record_event.h"
#include "core/files/file_discard.h"
#include "core/records/api_transaction.h"
#include "core/records/body_modifiers.h"
#include "core/records/record_files.h"
#include "core/records/record_json.h"
#include "core/records/record_rows.h"
#include "core/records/record_save.h"
#include "core/records/record_write.h"
#include "core/records/relation_references.h"
#include "core/records/rule_check.h"
#include "core/records/rule_subject.h"

namespace fastcms::core::records {
using nlohmann::json;

namespace {

/// The rows of the referencing collection whose field holds `id`.
Result<std::vector<db::Row>> referencing_rows(db::Connection& db, const RelationReference& ref, std::string_view id) {
  const auto& dialect = db.dialect();
  const std::string column = dialect.quote_qualified("r", ref.field->name);
  std::string sql = "SELECT r.* FROM " + dialect.quote_identifier(ref.collection->name) + " AS r WHERE ";
  if (ref.field->is_multi())
    sql += "EXISTS (SELECT 1 FROM " + dialect.json_each(column) + " AS je WHERE je.value = " + dialect.placeholder(1) + ")";
  else
    sql += column + " = " + dialect.placeholder(1);
  return db.query(sql, {db::SqlValue(id)});
}

/// Removes `id` from one referencing record, deleting or refusing as the field says.
Status settle_reference(db::Connection& db, const collections::Schema& schema, const RelationReference& ref,
                        const db::Row& row, std::string_view id) {
  const collections::Field& field = *ref.field;
  json record = record_from_row(*ref.collection, row);
  const std::string record_id = record.value("id", std::string());
  std::vector<std::string> ids = unique_strings(record[field.name]);
  ids.erase(std::remove(ids.begin(), ids.end(), std::string(id)), ids.end());
  if (ids.empty() && field.options.value("cascadeDelete", false)) {
    auto deleted = delete_with_references(db, schema, *ref.collection, record_id);
    if (!deleted) return deleted.error();
    return Ok{};
  }
  if (ids.empty() && field.required)
    return Error::usage("record \"" + record_id + "\" of \"" + ref.collection->name + "\" requires the relation \"" +
                        field.name + "\"");
  const json before = record;
  record[field.name] = field.is_multi() ? json(ids) : json(ids.empty() ? "" : ids.back());
  stamp_autodates(*ref.collection, false, record);
  if (auto updated = update_record_row(db, *ref.collection, record_id, record); !updated) return updated;
  auto saved = load_record(db, *ref.collection, record_id);
  if (!saved) return saved.error();
  if (*saved)
    events::publish_record_event(db, {events::RecordAction::update, ref.collection->id, ref.collection->name, before,
                                      std::move(**saved)});
  return Ok{};
}

}  // namespace

Result<bool> delete_with_references(db::Connection& db, const collections::Schema& schema,
                                    const collections::Collection& collection, std::string_view id) {
  // The record goes first, so that a cycle of cascading relations ends instead of looping.
  auto before = load_record(db, collection, id);
  if (!before) return before.error();
  auto deleted = delete_record_row(db, collection, id);
  if (!deleted || !*deleted) return deleted;
  if (*before) {
    // Exactly the files the row held (with their thumbnails), never the whole
    // `{collectionId}/{recordId}` folder: a record re-created with the same id before the
    // discard runs (a later request of the same batch, an upsert, another request after
    // COMMIT) owns that folder again.
    files::discard_after_commit(db, replaced_files(collection, **before, json::object()));
    events::publish_record_event(db, {events::RecordAction::delete_, collection.id, collection.name, std::move(**before),
                                      nullptr});
  }
  if (collection.is_auth() && schema.find(auth::external_auths_collection))
    if (auto unlinked = auth::delete_external_auths_of(db, collection.id, id); !unlinked) return unlinked.error();
  for (const auto& ref : relation_references(schema, collection)) {
    auto rows = referencing_rows(db, ref, id);
    if (!rows) return rows.error();
    for (const auto& row : *rows)
      if (auto settled = settle_reference(db, schema, ref, row, id); !settled) return settled.error();
  }
  return true;
}

ApiStatus delete_record(db::Connection& db, const collections::Schema& schema,
                        const collections::Collection& collection, const RequestContext& ctx, std::string_view id) {
  if (collection.type == "view") return ApiError::bad_request(unsupported_collection_message);
  if (!ctx.bypasses_rules() && !collection.delete_rule) return ApiError::forbidden(superusers_only_message);

  return in_transaction<Ok>(db, delete_failed_message, [&](db::Connection& tx) -> ApiStatus {
    auto holds = rule_holds(tx, schema, collection, ctx, collection.delete_rule.value_or(""), RuleSubject::stored(id));
    if (!holds.ok() || !*holds) return ApiError::not_found();
    auto deleted = delete_with_references(tx, schema, collection, id);
    if (!deleted || !*deleted) return ApiError::bad_request(delete_failed_message);
    return Ok{};
  });
}

}  // namespace fastcms::core::records
