#include "core/auth/auth_record_lookup.h"

#include "core/auth/identity_index.h"
#include "core/records/record_json.h"

namespace fastcms::core::auth {

Result<std::optional<nlohmann::json>> find_record_by_field(db::Connection& db,
                                                           const collections::Collection& collection,
                                                           std::string_view field, std::string_view value,
                                                           bool ignore_case) {
  if (!collection.field(field))
    return Error::failure("collection \"" + collection.name + "\" has no field \"" + std::string(field) + "\"");
  const auto& dialect = db.dialect();
  std::string sql = "SELECT * FROM " + dialect.quote_identifier(collection.name) + " WHERE " +
                    dialect.quote_identifier(field) + " = " + dialect.placeholder(1) +
                    (ignore_case ? " COLLATE NOCASE" : "") + " LIMIT 1";
  auto row = db.query_one(sql, {std::string(value)});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(records::record_from_row(collection, **row));
}

Result<std::optional<nlohmann::json>> find_record_by_id(db::Connection& db, const collections::Collection& collection,
                                                        std::string_view id) {
  return find_record_by_field(db, collection, "id", id);
}

Result<std::optional<nlohmann::json>> find_record_by_email(db::Connection& db,
                                                           const collections::Collection& collection,
                                                           std::string_view email) {
  auto lookup = identity_lookup(collection, "email");
  return find_record_by_field(db, collection, "email", email, lookup && lookup->ignore_case);
}

}  // namespace fastcms::core::auth
