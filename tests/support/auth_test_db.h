#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/random.h"
#include "core/auth/password_hash.h"
#include "core/collections/collection.h"
#include "core/collections/table_ddl.h"
#include "core/records/record_json.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace fastcms::test {

/// A real SQLite database holding the tables of the given collection definitions, with
/// helpers to insert and read records directly (bypassing the records service), for tests
/// of auth and other services that need stored records.
class AuthTestDb {
 public:
  explicit AuthTestDb(const nlohmann::json& definitions) {
    auto parsed = core::collections::schema_from_json(definitions);
    if (!parsed.ok()) FAIL(parsed.error().message);
    schema_ = std::move(*parsed);
    db_ = open_test_sqlite(dir_ / "data.db");
    for (const auto& c : schema_.collections())
      for (const auto& sql : core::collections::create_statements(*c, db_->dialect())) {
        auto r = db_->exec(sql);
        if (!r.ok()) FAIL(r.error().message);
      }
  }

  db::Database& db() { return *db_; }
  const core::collections::Schema& schema() const { return schema_; }
  const core::collections::Collection& collection(std::string_view name) const {
    const auto* c = schema_.find(name);
    REQUIRE_MESSAGE(c != nullptr, "no collection " << std::string(name));
    return *c;
  }

  /// Inserts a record with `fields` ("password" is stored as a bcrypt hash of cost 4; "id" and,
  /// on auth collections, "tokenKey" are generated when absent) and returns it as stored.
  nlohmann::json insert(std::string_view collection_name, nlohmann::json fields) {
    const auto& c = collection(collection_name);
    if (!fields.contains("id")) fields["id"] = random::token(15);
    if (c.is_auth() && !fields.contains("tokenKey")) fields["tokenKey"] = random::token(50);
    if (fields.contains("password")) {
      auto hash = core::auth::hash_password(fields["password"].get<std::string>(), 4);
      if (!hash.ok()) FAIL(hash.error().message);
      fields["password"] = *hash;
    }
    std::string columns, placeholders;
    db::Params params;
    for (auto& [name, value] : fields.items()) {
      const auto* field = c.field(name);
      REQUIRE_MESSAGE(field != nullptr, "no field " << name);
      if (!columns.empty()) columns += ", ", placeholders += ", ";
      columns += db_->dialect().quote_identifier(name);
      params.push_back(core::records::to_sql_value(*field, value));
      placeholders += db_->dialect().placeholder(params.size());
    }
    auto r = db_->exec(
        "INSERT INTO " + db_->dialect().quote_identifier(c.name) + " (" + columns + ") VALUES (" + placeholders + ")",
        params);
    if (!r.ok()) FAIL(r.error().message);
    return load(collection_name, fields["id"].get<std::string>());
  }

  /// The stored record `id` as full JSON (record_from_row); fails the test when missing.
  nlohmann::json load(std::string_view collection_name, std::string_view id) {
    const auto& c = collection(collection_name);
    auto row = db_->query_one("SELECT * FROM " + db_->dialect().quote_identifier(c.name) + " WHERE id = ?1",
                              {std::string(id)});
    if (!row.ok()) FAIL(row.error().message);
    REQUIRE(row->has_value());
    return core::records::record_from_row(c, **row);
  }

  /// Sets one column of a stored record (e.g. a new tokenKey, as a password change does).
  void set(std::string_view collection_name, std::string_view id, std::string_view field, const nlohmann::json& value) {
    const auto& c = collection(collection_name);
    const auto* f = c.field(field);
    REQUIRE(f != nullptr);
    auto r = db_->exec("UPDATE " + db_->dialect().quote_identifier(c.name) + " SET " +
                           db_->dialect().quote_identifier(field) + " = ?1 WHERE id = ?2",
                       {core::records::to_sql_value(*f, value), std::string(id)});
    if (!r.ok()) FAIL(r.error().message);
  }

 private:
  TempDir dir_;
  core::collections::Schema schema_;
  std::unique_ptr<db::SqliteDatabase> db_;
};

}  // namespace fastcms::test
