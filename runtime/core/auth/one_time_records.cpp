#include "core/auth/one_time_records.h"

#include <chrono>

#include "common/datetime.h"
#include "common/random.h"
#include "core/auth/auth_record_lookup.h"
#include "core/collections/collection_definition.h"
#include "core/records/record_draft.h"
#include "core/records/record_json.h"
#include "core/records/record_rows.h"
#include "core/records/record_save.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

json system_text(const char* name, bool required, bool hidden) {
  return {{"name", name}, {"type", "text"}, {"system", true}, {"required", required}, {"hidden", hidden}};
}

json system_autodate(const char* name, bool on_update) {
  return {{"name", name}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", on_update}};
}

std::string cutoff(long long duration_seconds) {
  return datetime::format(std::chrono::system_clock::now() - std::chrono::seconds(duration_seconds));
}

}  // namespace

json one_time_collection_definition(const std::string& name, const std::string& index_name, json secret_fields,
                                    std::optional<std::string> owner_rule) {
  json fields = json::array({system_text("collectionRef", true, false), system_text("recordRef", true, false)});
  for (auto& field : secret_fields) fields.push_back(std::move(field));
  fields.push_back(system_text("sentTo", false, true));
  fields.push_back(system_autodate("created", false));
  fields.push_back(system_autodate("updated", true));
  json rule = owner_rule ? json(*owner_rule) : json(nullptr);
  return {
      {"id", collections::default_collection_id("base", name)},
      {"name", name},
      {"type", "base"},
      {"system", true},
      {"fields", std::move(fields)},
      {"indexes", {"CREATE INDEX `" + index_name + "` ON `" + name + "` (`collectionRef`, `recordRef`)"}},
      {"listRule", rule},
      {"viewRule", rule},
      {"createRule", nullptr},
      {"updateRule", nullptr},
      {"deleteRule", nullptr},
  };
}

Result<const collections::Collection*> one_time_collection(const collections::Schema& schema, std::string_view name) {
  const auto* collection = schema.find(name);
  if (!collection) return Error::failure("the system collection " + std::string(name) + " is missing");
  return collection;
}

Result<json> insert_one_time_record(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                    const collections::Collection& auth_collection, const json& auth_record,
                                    json values, const std::string& sent_to) {
  auto collection = one_time_collection(schema, name);
  if (!collection) return collection.error();
  json record = records::blank_record(**collection);
  for (auto& [key, value] : values.items()) record[key] = std::move(value);
  record["id"] = random::token(15);
  record["collectionRef"] = auth_collection.id;
  record["recordRef"] = auth_record.value("id", "");
  record["sentTo"] = sent_to;
  records::stamp_autodates(**collection, /*is_new=*/true, record);
  if (auto inserted = records::insert_record(db, **collection, record); !inserted) return inserted.error();
  return record;
}

Result<std::optional<json>> find_one_time_record(db::Connection& db, const collections::Schema& schema,
                                                 std::string_view name, std::string_view field, std::string_view value) {
  auto collection = one_time_collection(schema, name);
  if (!collection) return collection.error();
  return find_record_by_field(db, **collection, field, value);
}

Result<std::vector<json>> one_time_records_of(db::Connection& db, const collections::Schema& schema,
                                              std::string_view name, std::string_view collection_id,
                                              std::string_view record_id) {
  auto collection = one_time_collection(schema, name);
  if (!collection) return collection.error();
  const auto& d = db.dialect();
  auto rows = db.query("SELECT * FROM " + d.quote_identifier((*collection)->name) + " WHERE " +
                           d.quote_identifier("collectionRef") + " = " + d.placeholder(1) + " AND " +
                           d.quote_identifier("recordRef") + " = " + d.placeholder(2) + " ORDER BY " +
                           d.quote_identifier("created") + " DESC",
                       {std::string(collection_id), std::string(record_id)});
  if (!rows) return rows.error();
  std::vector<json> out;
  for (const auto& row : *rows) out.push_back(records::record_from_row(**collection, row));
  return out;
}

Result<bool> consume_one_time_record(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                     std::string_view id) {
  auto collection = one_time_collection(schema, name);
  if (!collection) return collection.error();
  return records::delete_record_row(db, **collection, id);
}

Status delete_expired_one_time_records(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                       std::string_view collection_id, long long duration_seconds) {
  auto collection = one_time_collection(schema, name);
  if (!collection) return collection.error();
  const auto& d = db.dialect();
  auto deleted = db.exec("DELETE FROM " + d.quote_identifier((*collection)->name) + " WHERE " +
                             d.quote_identifier("collectionRef") + " = " + d.placeholder(1) + " AND " +
                             d.quote_identifier("created") + " < " + d.placeholder(2),
                         {std::string(collection_id), cutoff(duration_seconds)});
  if (!deleted) return deleted.error();
  return Ok{};
}

bool one_time_record_expired(const json& record, long long duration_seconds) {
  auto created = datetime::parse(record.value("created", ""));
  if (!created) return true;
  return std::chrono::system_clock::now() - *created > std::chrono::seconds(duration_seconds);
}

Status finish_one_time_delivery(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                std::string_view id, const Status& delivery) {
  if (delivery.ok()) return Ok{};
  auto deleted = consume_one_time_record(db, schema, name, id);
  if (!deleted) return Error::failure(delivery.error().message + "; deleting it failed too: " + deleted.error().message);
  return delivery;
}

Status verify_email_if_sent_to(db::Connection& db, const collections::Collection& collection, json& record,
                               const std::string& sent_to) {
  if (sent_to.empty() || record.value("verified", false) || record.value("email", "") != sent_to) return Ok{};
  json changed = record;
  changed["verified"] = true;
  records::stamp_autodates(collection, /*is_new=*/false, changed);
  if (auto stored = records::update_record_row(db, collection, changed.value("id", ""), changed); !stored)
    return stored;
  record = std::move(changed);
  return Ok{};
}

}  // namespace fastcms::core::auth
