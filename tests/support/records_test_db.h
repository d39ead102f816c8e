#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/collections/collection.h"
#include "core/collections/table_ddl.h"
#include "core/records/record_json.h"
#include "core/request_context.h"
#include "db/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace fastcms::test {

/// A real SQLite database in a temp dir holding the tables of some collection
/// definitions (PocketBase JSON), with their Schema and request contexts for tests.
class RecordsTestDb {
 public:
  explicit RecordsTestDb(const nlohmann::json& definitions) {
    auto schema = core::collections::schema_from_json(definitions);
    if (!schema.ok()) FAIL(schema.error().message);
    schema_ = std::move(*schema);
    db_ = open_test_sqlite(dir_ / "data.db");
    for (const auto& c : schema_.collections())
      for (const auto& sql : core::collections::create_statements(*c, db_->dialect()))
        if (auto done = db_->exec(sql); !done.ok()) FAIL(done.error().message);
  }

  db::SqliteDatabase& db() { return *db_; }
  const core::collections::Schema& schema() const { return schema_; }
  const core::collections::Collection& collection(const std::string& name) const {
    const auto* c = schema_.find(name);
    if (!c) FAIL("no collection " << name);
    return *c;
  }

  /// Inserts a row as given (column → value, JSON values of arrays/objects as text).
  void insert(const std::string& collection_name, const nlohmann::json& row) {
    std::string columns, values;
    db::Params params;
    for (auto it = row.begin(); it != row.end(); ++it) {
      if (!params.empty()) columns += ", ", values += ", ";
      columns += db_->dialect().quote_identifier(it.key());
      params.push_back(it->is_array() || it->is_object() ? db::SqlValue(it->dump()) : db::from_json(*it));
      values += db_->dialect().placeholder(params.size());
    }
    auto done = db_->exec("INSERT INTO " + db_->dialect().quote_identifier(collection_name) + " (" + columns +
                              ") VALUES (" + values + ")",
                          params);
    if (!done.ok()) FAIL(done.error().message);
  }

  /// The stored record (record_from_row) or null.
  nlohmann::json stored(const std::string& collection_name, const std::string& id) {
    const auto& c = collection(collection_name);
    auto row = db_->query_one("SELECT * FROM " + db_->dialect().quote_identifier(c.name) + " WHERE id = ?1", {id});
    if (!row.ok()) FAIL(row.error().message);
    if (!row->has_value()) return nullptr;
    return core::records::record_from_row(c, **row);
  }

  long long count(const std::string& collection_name) {
    auto n = db_->query_value("SELECT count(*) FROM " + db_->dialect().quote_identifier(collection_name));
    if (!n.ok()) FAIL(n.error().message);
    return n->to_int64();
  }

  core::RequestContext guest() const { return {}; }

  /// A request authenticated as the stored record `id` of `collection_name`.
  core::RequestContext as(const std::string& collection_name, const std::string& id) {
    core::RequestContext ctx;
    nlohmann::json auth = stored(collection_name, id);
    if (auth.is_null()) FAIL("no record " << collection_name << "/" << id);
    auth.erase("password");
    auth.erase("tokenKey");
    ctx.info.auth = auth;
    ctx.info.auth_collection = &collection(collection_name);
    return ctx;
  }

 private:
  TempDir dir_;
  core::collections::Schema schema_;
  std::unique_ptr<db::SqliteDatabase> db_;
};

}  // namespace fastcms::test
