#include "core/auth/external_auths_collection.h"

#include "common/datetime.h"
#include "common/random.h"
#include "core/collections/collection_definition.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

json system_text_field(const char* name) {
  return {{"name", name}, {"type", "text"}, {"system", true}, {"required", true}};
}

std::string table(db::Connection& db) { return db.dialect().quote_identifier(external_auths_collection); }

std::string column_list(db::Connection& db) {
  const auto& d = db.dialect();
  return d.quote_identifier("id") + ", " + d.quote_identifier("collectionRef") + ", " + d.quote_identifier("recordRef") +
         ", " + d.quote_identifier("provider") + ", " + d.quote_identifier("providerId");
}

ExternalAuth from_row(const db::Row& row) {
  auto text = [&](size_t i) { return row[i].to_text(); };
  return {text(0), text(1), text(2), text(3), text(4)};
}

}  // namespace

const json& external_auths_definition() {
  static const json definition = [] {
    const std::string owner_rule =
        "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";
    const std::string name(external_auths_collection);
    return json{
        {"id", collections::default_collection_id("base", name)},
        {"name", name},
        {"type", "base"},
        {"system", true},
        {"fields",
         {system_text_field("collectionRef"), system_text_field("recordRef"), system_text_field("provider"),
          system_text_field("providerId"),
          {{"name", "created"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", false}},
          {{"name", "updated"}, {"type", "autodate"}, {"system", true}, {"onCreate", true}, {"onUpdate", true}}}},
        {"indexes",
         {"CREATE UNIQUE INDEX `idx_externalAuths_record_provider` ON `_externalAuths` (collectionRef, recordRef, provider)",
          "CREATE UNIQUE INDEX `idx_externalAuths_collection_provider` ON `_externalAuths` (collectionRef, provider, "
          "providerId)"}},
        {"listRule", owner_rule},
        {"viewRule", owner_rule},
        {"createRule", nullptr},
        {"updateRule", nullptr},
        {"deleteRule", owner_rule},
    };
  }();
  return definition;
}

Result<std::optional<ExternalAuth>> find_external_auth(db::Connection& db, std::string_view collection_id,
                                                       std::string_view provider, std::string_view provider_id) {
  const auto& d = db.dialect();
  auto row = db.query_one("SELECT " + column_list(db) + " FROM " + table(db) + " WHERE " +
                              d.quote_identifier("collectionRef") + " = " + d.placeholder(1) + " AND " +
                              d.quote_identifier("provider") + " = " + d.placeholder(2) + " AND " +
                              d.quote_identifier("providerId") + " = " + d.placeholder(3),
                          {std::string(collection_id), std::string(provider), std::string(provider_id)});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<ExternalAuth>();
  return std::optional<ExternalAuth>(from_row(**row));
}

Result<std::vector<ExternalAuth>> external_auths_of(db::Connection& db, std::string_view collection_id,
                                                    std::string_view record_id) {
  const auto& d = db.dialect();
  auto rows = db.query("SELECT " + column_list(db) + " FROM " + table(db) + " WHERE " +
                           d.quote_identifier("collectionRef") + " = " + d.placeholder(1) + " AND " +
                           d.quote_identifier("recordRef") + " = " + d.placeholder(2) + " ORDER BY " +
                           d.quote_identifier("created") + ", " + d.quote_identifier("id"),
                       {std::string(collection_id), std::string(record_id)});
  if (!rows) return rows.error();
  std::vector<ExternalAuth> out;
  for (const auto& row : *rows) out.push_back(from_row(row));
  return out;
}

Result<ExternalAuth> create_external_auth(db::Connection& db, ExternalAuth link) {
  link.id = random::token(15);
  const std::string now = datetime::now();
  const auto& d = db.dialect();
  std::string placeholders;
  for (size_t i = 1; i <= 7; ++i) placeholders += (i > 1 ? ", " : "") + d.placeholder(i);
  auto r = db.exec("INSERT INTO " + table(db) + " (" + column_list(db) + ", " + d.quote_identifier("created") + ", " +
                       d.quote_identifier("updated") + ") VALUES (" + placeholders + ")",
                   {link.id, link.collection_ref, link.record_ref, link.provider, link.provider_id, now, now});
  if (!r) return r.error();
  return link;
}

Result<long long> delete_external_auths_of(db::Connection& db, std::string_view collection_id,
                                           std::string_view record_id) {
  const auto& d = db.dialect();
  auto r = db.exec("DELETE FROM " + table(db) + " WHERE " + d.quote_identifier("collectionRef") + " = " +
                       d.placeholder(1) + " AND " + d.quote_identifier("recordRef") + " = " + d.placeholder(2),
                   {std::string(collection_id), std::string(record_id)});
  if (!r) return r.error();
  return static_cast<long long>(r->changes);
}

}  // namespace fastcms::core::auth
