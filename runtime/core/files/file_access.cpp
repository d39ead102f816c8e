#include "core/files/file_access.h"

#include "core/auth/authenticate.h"
#include "core/files/stored_file_name.h"
#include "core/records/body_modifiers.h"
#include "core/records/record_rows.h"
#include "core/records/rule_subject.h"

namespace fastcms::core::files {

namespace {

ApiError file_not_found() { return ApiError::not_found("The requested resource wasn't found."); }

const collections::Field* field_holding(const collections::Collection& collection, const nlohmann::json& record,
                                        std::string_view name) {
  for (const auto& field : collection.fields) {
    if (field.type != "file") continue;
    auto value = record.find(field.name);
    if (value == record.end()) continue;
    for (const auto& held : records::unique_strings(*value))
      if (held == name) return &field;
  }
  return nullptr;
}

/// Whether the holder of `file_token` may read the protected files of `record_id`.
ApiResult<bool> may_read_protected(db::Connection& db, const collections::Schema& schema,
                                   const collections::Collection& collection, std::string_view record_id,
                                   std::string_view file_token, std::string_view project_secret) {
  RequestContext ctx;
  ctx.info.context = "protectedFile";
  if (!file_token.empty()) {
    auto who = auth::find_record_by_token(db, schema, file_token, auth::TokenKind::file, project_secret);
    if (who.ok()) auth::attach_auth(ctx, std::move(who->record), *who->collection);
  }
  if (ctx.bypasses_rules()) return true;
  if (!collection.view_rule) return false;
  return records::rule_holds(db, schema, collection, ctx, *collection.view_rule,
                             records::RuleSubject::stored(record_id));
}

}  // namespace

bool ServedFile::is_protected() const { return field && field->options.value("protected", false); }

std::string file_storage_key(const collections::Collection& collection, std::string_view record_id,
                             std::string_view name) {
  return collection.id + "/" + std::string(record_id) + "/" + std::string(name);
}

ApiResult<ServedFile> find_served_file(db::Connection& db, const collections::Schema& schema,
                                       std::string_view collection_name, std::string_view record_id,
                                       std::string_view name, std::string_view file_token,
                                       std::string_view project_secret) {
  const auto* collection = schema.find(collection_name);
  if (!collection || collection->type == "view" || !is_stored_file_name(name)) return file_not_found();
  auto record = records::load_record(db, *collection, record_id);
  if (!record.ok()) return ApiError::from(record.error());
  if (!record->has_value()) return file_not_found();
  ServedFile served{collection, field_holding(*collection, **record, name), std::string(record_id),
                    std::string(name), file_storage_key(*collection, record_id, name)};
  if (!served.field) return file_not_found();
  if (served.is_protected()) {
    auto allowed = may_read_protected(db, schema, *collection, record_id, file_token, project_secret);
    if (!allowed.ok()) return allowed.error();
    if (!*allowed) return file_not_found();
  }
  return served;
}

}  // namespace fastcms::core::files
